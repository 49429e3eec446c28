import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../list-page.js';

export const LIST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const LIST_ID_MESSAGE = '$property must be 1-100 letters, digits, ".", "_", ":" or "-"';

/** "true" and "false" as a query string writes them; anything else stays as given, for IsBoolean to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Every list's page: a cursor and a size. */
export class ListPageQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'The cursor: nextAfter of the previous page (opaque)', maxLength: 400 })
  @IsOptional()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '$property must be a cursor this list gave (nextAfter)' })
  readonly after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  readonly limit?: number;
}

/** A unit filter: the unit, the units merged into it, and with below=true every unit under them. */
export class UnitFilterQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ description: 'Only this unit (and the units merged into it)' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly unitId?: string;

  @ApiPropertyOptional({ description: 'With unitId: the units under it too', default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly below?: boolean;
}
