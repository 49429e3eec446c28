import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { IsCalendarDate } from '../../../officials/http/dto/is-calendar-date.js';
import {
  LIMIT_UNITS,
  POLICY_CATEGORIES,
  POLICY_STEPS,
  RESUME_MODES,
  type LimitUnit,
  type PolicyCategory,
  type PolicyStep,
  type ResumeMode,
} from '../../policy.events.js';

/** An event type of the ledger, e.g. CaseReceived. */
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{1,79}$/;
const EVENT_TYPE_MESSAGE = '$property must be an event type such as CaseReceived';

export class ClockPauseDto {
  @ApiProperty({ example: 'CaseSuspended' })
  @Matches(EVENT_TYPE, { message: EVENT_TYPE_MESSAGE })
  readonly pausedBy!: string;

  @ApiProperty({ example: 'CaseResumed' })
  @Matches(EVENT_TYPE, { message: EVENT_TYPE_MESSAGE })
  readonly resumedBy!: string;

  @ApiProperty({
    enum: RESUME_MODES,
    description: 'continue: the paused time is not counted; restart: the limit counts again from the resumption.',
  })
  @IsIn(RESUME_MODES)
  readonly onResume!: ResumeMode;
}

export class ExtensionAllowanceDto {
  @ApiProperty({ minimum: 0, maximum: 10, example: 1 })
  @IsInt()
  @Min(0)
  @Max(10)
  readonly max!: number;

  @ApiProperty({ minimum: 1, maximum: 365, example: 30 })
  @IsInt()
  @Min(1)
  @Max(365)
  readonly lengthDays!: number;
}

export class ExtensionsDto extends ExtensionAllowanceDto {
  @ApiPropertyOptional({ type: ExtensionAllowanceDto, description: 'When the case is marked complex, if different.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionAllowanceDto)
  readonly complex?: ExtensionAllowanceDto;

  @ApiPropertyOptional({ type: ExtensionAllowanceDto, description: 'When the case is marked especially complex, if different.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionAllowanceDto)
  readonly especiallyComplex?: ExtensionAllowanceDto;
}

export class RemoteAreaLimitsDto {
  @ApiProperty({ minimum: 1, maximum: 10000, example: 45, description: 'The limit instead of the rule’s, in its unit.' })
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly limit!: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10000,
    example: 60,
    description: 'What a complex case reaches by the rule’s complex extensions; the rule’s complex allowance when absent.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly complexLimit?: number;
}

export class RecordPolicyRuleRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id chosen by the recorder; generated when absent.', example: 'denunciation-accept-2018' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: '$property must be 1-80 lower-case letters, digits or "-"' })
  readonly ruleId?: string;

  @ApiProperty({ enum: POLICY_CATEGORIES })
  @IsIn(POLICY_CATEGORIES)
  readonly category!: PolicyCategory;

  @ApiProperty({ enum: POLICY_STEPS })
  @IsIn(POLICY_STEPS)
  readonly step!: PolicyStep;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 7 })
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly limit!: number;

  @ApiProperty({ enum: LIMIT_UNITS })
  @IsIn(LIMIT_UNITS)
  readonly unit!: LimitUnit;

  @ApiProperty({ description: 'The event type that starts the clock.', example: 'CaseReceived' })
  @Matches(EVENT_TYPE, { message: EVENT_TYPE_MESSAGE })
  readonly clockStartsAt!: string;

  @ApiProperty({ type: [ClockPauseDto], description: 'Event types that pause and resume the clock; may be empty.' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ClockPauseDto)
  readonly pauses!: ClockPauseDto[];

  @ApiPropertyOptional({ type: ExtensionsDto, description: 'How the limit may be extended; no extension when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionsDto)
  readonly extensions?: ExtensionsDto;

  @ApiPropertyOptional({
    type: RemoteAreaLimitsDto,
    description:
      'The limits of a case received by a unit that was a remote or difficult area (vùng sâu, vùng xa) on its receipt day; the same limits everywhere when absent.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RemoteAreaLimitsDto)
  readonly remoteArea?: RemoteAreaLimitsDto;

  @ApiProperty({ description: 'First day the rule applies (YYYY-MM-DD).', example: '2019-01-01' })
  @IsCalendarDate()
  readonly effectiveFrom!: string;

  @ApiPropertyOptional({ description: 'First day the rule no longer applies (YYYY-MM-DD), after effectiveFrom.', example: '2026-07-01' })
  @IsOptional()
  @IsCalendarDate()
  readonly effectiveTo?: string;

  @ApiProperty({ maxLength: 1000, example: 'Law on Denunciations 25/2018/QH14, art. 24' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  readonly legalReference!: string;

  @ApiProperty({ description: 'True when the limit is not confirmed against the text of the law.' })
  @IsBoolean()
  readonly needsCheck!: boolean;
}

export class RetirePolicyRuleRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'First day the rule no longer applies (YYYY-MM-DD).', example: '2026-07-01' })
  @IsCalendarDate()
  readonly effectiveTo!: string;

  @ApiProperty({ maxLength: 2000, example: 'Replaced by Decree 155/2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}
