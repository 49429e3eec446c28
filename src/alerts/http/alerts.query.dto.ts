import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { LIST_ID, LIST_ID_MESSAGE, QueryBoolean, UnitFilterQueryDto } from '../../lists/http/list-query.dto.js';
import { ALERT_KINDS, type AlertKind } from '../alert.js';

export class AlertsQueryDto extends UnitFilterQueryDto {
  @ApiPropertyOptional({ description: 'Cases assigned now to this official' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly officialId?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS, description: 'approaching: due soon and not done; breached: past due and not done' })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  readonly kind?: AlertKind;

  @ApiPropertyOptional({
    description:
      'Approaching: due by the end of the N-th working day after asOf (Vietnamese working-day calendar); default the setting ALERTS_APPROACHING_WORKING_DAYS (3)',
    minimum: 0,
    maximum: 60,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  readonly withinDays?: number;

  @ApiPropertyOptional({ description: 'The moment the deadlines are judged at; default now', example: '2026-03-10T09:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly asOf?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: the page as a CSV table (RFC 4180); default json, or csv when Accept prefers text/csv',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  readonly format?: 'json' | 'csv';

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'CSV only: start with a UTF-8 byte-order mark; false leaves it out' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'bom must be true or false' })
  readonly bom?: boolean;
}
