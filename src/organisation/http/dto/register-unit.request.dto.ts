import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_KINDS, type UnitKind } from '../../unit.events.js';

export const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const UNIT_ID_MESSAGE = '$property must be 1-80 lower-case letters, digits or "-"';

export class RegisterUnitRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id chosen by the recorder (e.g. "gia-loc"); generated when absent.', example: 'gia-loc' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId?: string;

  @ApiProperty({ example: 'Huyện ủy Gia Lộc', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  readonly kind!: UnitKind;

  @ApiPropertyOptional({ description: 'Required for every kind but province.', example: 'hai-duong' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly parentId?: string;
}
