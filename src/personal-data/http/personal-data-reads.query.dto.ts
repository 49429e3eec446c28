import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { PositionCursorQueryDto } from '../../http/min-position.query.dto.js';
import { SUBJECT_ID } from '../sealed-personal-data.js';

export const MAX_READS_PAGE = 1000;

/** GET /api/v1/personal-data/reads: by subject, by reader, in a time range; paged by a cursor. */
export class PersonalDataReadsQueryDto extends PositionCursorQueryDto {
  @ApiPropertyOptional({ description: 'The data subject, e.g. reporter-<caseId>' })
  @IsOptional()
  @Matches(SUBJECT_ID, { message: 'subjectId must be 1-100 letters, digits or "-"' })
  readonly subjectId?: string;

  @ApiPropertyOptional({ description: 'Who read (the subject of their token)' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'reader must be 1-200 visible ASCII characters' })
  readonly reader?: string;

  @ApiPropertyOptional({ description: 'Reads at or after this instant (ISO-8601 with offset)' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Reads before this instant (exclusive)' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly to?: string;

  @ApiPropertyOptional({ description: 'Reads per page', default: 100, maximum: MAX_READS_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_READS_PAGE)
  readonly limit?: number;
}
