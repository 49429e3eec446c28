import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../officials/http/dto/is-calendar-date.js';

/** Read your own write: the Ledger-Position header of a command answer. */
export class MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Wait (up to 2 s) until the read model has applied this global position; 503 PROJECTION.BEHIND if it has not' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly minPosition?: number;
}

/** GET /api/v1/officials/{id}/review: a period of Vietnamese calendar days, both included, at most 5 years. */
export class ReviewQueryDto extends MinPositionQueryDto {
  @ApiProperty({ description: 'First day of the period (YYYY-MM-DD, Vietnam)', example: '2017-01-01' })
  @IsCalendarDate()
  readonly from!: string;

  @ApiProperty({ description: 'Last day of the period, included (YYYY-MM-DD, Vietnam)', example: '2017-12-31' })
  @IsCalendarDate()
  readonly to!: string;
}
