import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsOffsetDateTime, RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { MAX_PARTICIPANTS, VISIT_KINDS, type VisitKind } from '../../visit.events.js';
import { OFFICIAL_ID } from '../../../officials/official-id.js';

export const VISIT_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const VISIT_ID_MESSAGE = '$property must be 1-80 lower-case letters, digits or "-"';
export const OFFICIAL_ID_MESSAGE = 'each value in $property must be an official id: 1-80 lower-case letters, digits or "-"';

export class ScheduleVisitRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id chosen by the recorder; generated when absent.', example: 'gia-loc-2017-03-09' })
  @IsOptional()
  @Matches(VISIT_ID, { message: VISIT_ID_MESSAGE })
  readonly visitId?: string;

  @ApiProperty({ enum: VISIT_KINDS, description: 'periodic (định kỳ) or unscheduled (đột xuất)' })
  @IsIn(VISIT_KINDS)
  readonly kind!: VisitKind;

  @ApiProperty({ example: 'Check the recovery of land for the industrial park', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  readonly purpose!: string;

  @ApiPropertyOptional({ example: 'Xã Gia Tân', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  readonly place?: string;

  @ApiProperty({ description: 'The unit visited; must be active.', example: 'gia-loc' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;

  @ApiProperty({
    description: `Official ids, 1 to ${MAX_PARTICIPANTS}, each once; every one must be a registered official who has not left.`,
    type: [String],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @ArrayUnique()
  @Matches(OFFICIAL_ID, { each: true, message: OFFICIAL_ID_MESSAGE })
  readonly participants!: string[];

  @ApiProperty({
    description: 'When the visit is planned for: may be in the future (ISO-8601 with offset).',
    example: '2017-03-09T08:00:00+07:00',
  })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly plannedFor!: string;

  @ApiPropertyOptional({ description: "Whether the visit is in the leaders' published weekly work calendar; false when absent." })
  @IsOptional()
  @IsBoolean()
  readonly publishedInCalendar?: boolean;
}
