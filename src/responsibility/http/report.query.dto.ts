import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { TableFormatQueryDto } from '../../http/csv.js';
import { IsCalendarDate } from '../../officials/http/dto/is-calendar-date.js';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';

/** GET /api/v1/officials/{id}/review: a period of Vietnamese calendar days, both included, at most 5 years. */
export class ReportQueryDto extends IntersectionType(MinPositionQueryDto, TableFormatQueryDto) {
  @ApiProperty({ description: 'First day of the period (YYYY-MM-DD, Vietnam)', example: '2017-01-01' })
  @IsCalendarDate()
  readonly from!: string;

  @ApiProperty({ description: 'Last day of the period, included (YYYY-MM-DD, Vietnam)', example: '2017-12-31' })
  @IsCalendarDate()
  readonly to!: string;
}
