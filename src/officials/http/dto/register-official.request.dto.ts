import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { OFFICIAL_ID, OFFICIAL_ID_MESSAGE } from '../../official-id.js';

export class RegisterOfficialRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id chosen by the recorder; generated when absent.', example: 'nguyen-van-a' })
  @IsOptional()
  @Matches(OFFICIAL_ID, { message: OFFICIAL_ID_MESSAGE })
  readonly officialId?: string;

  @ApiProperty({ example: 'Nguyễn Văn A', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly fullName!: string;

  @ApiProperty({ example: 'Ủy viên Ban Thường vụ Huyện ủy', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly position!: string;

  @ApiProperty({ description: "The official's home unit; must be active.", example: 'gia-loc' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;
}
