import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../officials/http/dto/is-calendar-date.js';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';

/** GET /api/v1/officials/{id}/review: a period of Vietnamese calendar days, both included, at most 5 years. */
export class ReviewQueryDto extends MinPositionQueryDto {
  @ApiProperty({ description: 'First day of the period (YYYY-MM-DD, Vietnam)', example: '2017-01-01' })
  @IsCalendarDate()
  readonly from!: string;

  @ApiProperty({ description: 'Last day of the period, included (YYYY-MM-DD, Vietnam)', example: '2017-12-31' })
  @IsCalendarDate()
  readonly to!: string;
}
