import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TableFormatQueryDto } from '../../http/csv.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { PositionCursorQueryDto } from '../../http/min-position.query.dto.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_MESSAGE = '$property must be 1-100 letters, digits, ".", "_", ":" or "-"';
const TYPES = /^[A-Za-z][A-Za-z0-9]{0,79}(,[A-Za-z][A-Za-z0-9]{0,79}){0,49}$/;
export const MAX_PAGE = 10_000;

/** GET /api/v1/audit: one subject at most (none: the whole ledger), a time range, event types, a cursor. */
export class AuditQueryDto extends IntersectionType(PositionCursorQueryDto, TableFormatQueryDto) {
  @ApiPropertyOptional({ description: "The case's own stream" })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly caseId?: string;

  @ApiPropertyOptional({ description: "The official's own stream" })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly officialId?: string;

  @ApiPropertyOptional({
    description: 'The unit and every unit merged into it (transitively); not the cases, visits or meetings of the unit',
  })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly unitId?: string;

  @ApiPropertyOptional({
    description: 'Entries whose occurredAt is at or after this instant (ISO-8601 with offset)',
    example: '2024-01-01T00:00:00+07:00',
  })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Entries whose occurredAt is before this instant (exclusive)', example: '2025-01-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly to?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types, e.g. CaseReceived,CaseEscalated' })
  @IsOptional()
  @MaxLength(4050)
  @Matches(TYPES, { message: 'type must be a comma-separated list of up to 50 event type names' })
  readonly type?: string;

  @ApiPropertyOptional({ description: 'Entries per page', default: 100, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  readonly limit?: number;
}
