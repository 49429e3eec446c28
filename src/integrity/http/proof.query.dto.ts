import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

/** GET /api/v1/integrity/proofs/inclusion */
export class InclusionProofQueryDto {
  @ApiProperty({ description: 'The event to prove (a lower-case UUID)' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'eventId must be a lower-case UUID' })
  readonly eventId!: string;

  @ApiPropertyOptional({ description: 'The tree size to prove against; default: that of the latest signed checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE_SIZE)
  readonly treeSize?: number;
}

/** GET /api/v1/integrity/proofs/consistency */
export class ConsistencyProofQueryDto {
  @ApiProperty({ description: 'The earlier tree size (an older checkpoint you kept)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  readonly from!: number;

  @ApiProperty({ description: 'The later tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_TREE_SIZE)
  readonly to!: number;
}
