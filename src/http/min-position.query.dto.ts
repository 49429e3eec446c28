import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Read your own write: the Ledger-Position header of a command answer. Every read-model query takes it. */
export class MinPositionQueryDto {
  @ApiPropertyOptional({
    description: 'Wait (up to 2 s) until the read model has applied this global position; 503 PROJECTION.BEHIND if it has not',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly minPosition?: number;
}

/** A page of a read model in global order: entries after this position (the previous page's nextAfter). */
export class PositionCursorQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'The cursor: entries after this global position (nextAfter of the previous page)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly after?: number;
}
