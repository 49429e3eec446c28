import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from './register-unit.request.dto.js';
import { IsCalendarDate } from '../../../officials/http/dto/is-calendar-date.js';

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

export class MoveUnitRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The unit it sits under from effectiveOn on', example: 'hai-duong' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly toParentId!: string;

  @ApiProperty({
    description: 'The Vietnamese calendar day (YYYY-MM-DD) from which the new parent holds; matters of earlier days keep the old one.',
    example: '2025-07-01',
  })
  @IsCalendarDate()
  readonly effectiveOn!: string;

  @ApiProperty({ description: 'The decision or law that moves it', example: 'Nghị quyết 202/2025/QH15', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly legalBasis!: string;
}

export class SetUnitRemoteAreaRequestDto extends RecordedFactDto {
  @ApiProperty({
    description: 'true: the unit is a remote or difficult area (vùng sâu, vùng xa, đi lại khó khăn) from effectiveOn on; false: no longer.',
    example: true,
  })
  @IsBoolean()
  readonly remote!: boolean;

  @ApiProperty({
    description: 'The Vietnamese calendar day (YYYY-MM-DD) from which it holds; cases received earlier keep the limits they had.',
    example: '2013-01-01',
  })
  @IsCalendarDate()
  readonly effectiveOn!: string;

  @ApiProperty({ description: 'The decision that lists or delists the unit', example: 'Quyết định 2405/QĐ-TTg', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly legalBasis!: string;
}
