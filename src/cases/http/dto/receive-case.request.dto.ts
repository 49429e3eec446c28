import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { IsOptionalNotNull } from '../../../http/optional-field.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { CASE_LIMITS, CASE_REFERENCE_ID } from '../../case-intake.js';
import { CASE_CATEGORIES, CASE_CHANNELS, type CaseCategory, type CaseChannel } from '../../case.events.js';

export const REFERENCE_ID_MESSAGE = '$property must be 1-80 letters, digits or "-"';
const limits = CASE_LIMITS.reporter;

/** Personal data: sealed per subject by CaseIntake before it enters the ledger (src/personal-data). */
export class CaseReporterDto {
  @ApiPropertyOptional({ maxLength: limits.name })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(limits.name)
  readonly name?: string;

  @ApiPropertyOptional({ maxLength: limits.phone, example: '+84 220 3852 000' })
  @IsOptional()
  @Matches(/^[0-9+().\s-]{3,40}$/, { message: '$property must be 3-40 digits, spaces, "+", "-", "(", ")" or "."' })
  readonly phone?: string;

  @ApiPropertyOptional({ maxLength: limits.email })
  @IsOptional()
  @MaxLength(limits.email)
  @IsEmail()
  readonly email?: string;

  @ApiPropertyOptional({ maxLength: limits.address })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(limits.address)
  readonly address?: string;

  @ApiPropertyOptional({ description: 'Citizen identity card number', maxLength: limits.identityNumber })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,40}$/, { message: '$property must be 1-40 letters or digits' })
  readonly identityNumber?: string;
}

/** Where the matter is: a place, an address id, or a point (lat and long together). */
export class CaseLocationDto {
  @ApiPropertyOptional({ maxLength: CASE_LIMITS.location.address, example: 'Thôn Cậy, xã Gia Tân' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_LIMITS.location.address)
  readonly address?: string;

  @ApiPropertyOptional({ maxLength: CASE_LIMITS.location.addressId })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_LIMITS.location.addressId)
  readonly addressId?: string;

  @ApiPropertyOptional({ example: 20.8697 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  readonly lat?: number;

  @ApiPropertyOptional({ example: 106.2319 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  readonly long?: number;
}

export class ReceiveCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The unit concerned (an active unit)', example: 'gia-tan' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;

  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  readonly category!: CaseCategory;

  @ApiProperty({ enum: CASE_CHANNELS })
  @IsIn(CASE_CHANNELS)
  readonly channel!: CaseChannel;

  @ApiProperty({ maxLength: CASE_LIMITS.summary, example: 'Smell from the dye works near the school' })
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_LIMITS.summary)
  readonly summary!: string;

  @ApiPropertyOptional({ type: CaseReporterDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseReporterDto)
  readonly reporter?: CaseReporterDto;

  @ApiPropertyOptional({ type: CaseLocationDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseLocationDto)
  readonly location?: CaseLocationDto;

  @ApiPropertyOptional({ description: 'The visit whose finding opened this case' })
  @IsOptional()
  @Matches(CASE_REFERENCE_ID, { message: REFERENCE_ID_MESSAGE })
  readonly sourceVisitId?: string;

  @ApiPropertyOptional({
    description:
      'For a second-level complaint (category complaint-second-level): the first-level complaint case it appeals. It must be a complaint the ledger holds, resolved by this receipt or past its resolution deadline unresolved (Law on Complaints art. 33); the first case then shows the appeal too.',
    example: '701f8df7-7e19-41a5-850a-114920b7f212',
  })
  @IsOptional()
  @Matches(CASE_REFERENCE_ID, { message: REFERENCE_ID_MESSAGE })
  readonly firstLevelCaseId?: string;

  @ApiPropertyOptional({ description: 'The referring unit; required with channel referral only' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly referredFromUnitId?: string;
}
