import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';
import { MAX_PAGE } from '../list-page.js';

export const WORKLIST_DEFAULT_DUE_SOON = 3;
export const WORKLIST_DEFAULT_LIMIT = 20;

export class WorklistQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'The moment the worklist is judged at; default now' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly asOf?: string;

  @ApiPropertyOptional({ description: 'Due soon: within this many working days of asOf', minimum: 0, maximum: 60, default: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  readonly dueSoonWorkingDays?: number;

  @ApiPropertyOptional({
    description: 'Items per section (each section links to its whole list)',
    minimum: 1,
    maximum: MAX_PAGE,
    default: 20,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  readonly limit?: number;
}
