import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from './register-unit.request.dto.js';

export class RenameUnitRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly name!: string;
}

export class MergeUnitRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The unit that continues', example: 'hai-phong' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly intoUnitId!: string;
}

export class AbolishUnitRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}
