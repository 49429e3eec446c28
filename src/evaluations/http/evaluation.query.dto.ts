import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TableFormatQueryDto } from '../../http/csv.js';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';
import { INDICATORS, type Indicator } from '../evaluation.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_MESSAGE = '$property must be 1-100 letters, digits, ".", "_", ":" or "-"';
export const SORT_KEYS = ['officialId', ...INDICATORS] as const;

/** GET /api/v1/evaluations/{year}: exactly one of officialId and unitId, and an order. */
export class EvaluationQueryDto extends IntersectionType(MinPositionQueryDto, TableFormatQueryDto) {
  @ApiPropertyOptional({ description: 'One official' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly officialId?: string;

  @ApiPropertyOptional({ description: 'Every official assigned during the year to this unit or a unit under it (by parent or merge)' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly unitId?: string;

  @ApiPropertyOptional({
    enum: SORT_KEYS,
    default: 'officialId',
    description: 'An indicator (sorted by its count, then official id) or officialId',
  })
  @IsOptional()
  @IsIn(SORT_KEYS)
  readonly sort?: Indicator | 'officialId';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  readonly order?: 'asc' | 'desc';
}
