import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOffsetDateTime, RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { CASE_REFERENCE_ID } from '../../case-intake.js';
import {
  CASE_CLASSIFICATIONS,
  CASE_COMPLEXITIES,
  UPPER_LEVEL_CHANNELS,
  type CaseClassification,
  type CaseComplexity,
  type UpperLevelChannel,
} from '../../case.events.js';
import { REFERENCE_ID_MESSAGE } from './receive-case.request.dto.js';
import { OFFICIAL_ID, OFFICIAL_ID_MESSAGE } from '../../../officials/official-id.js';

const REASON = 2000;
const TEXT = 4000;

export class CloseCaseRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ maxLength: REASON })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly note?: string;
}

export class AcknowledgeCaseRequestDto extends CloseCaseRequestDto {
  @ApiPropertyOptional({ description: 'The official who acknowledged it, when a clerk records it for them (a registered official)' })
  @IsOptional()
  @Matches(OFFICIAL_ID, { message: OFFICIAL_ID_MESSAGE })
  readonly byOfficialId?: string;
}

export class ClassifyCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ enum: CASE_CLASSIFICATIONS })
  @IsIn(CASE_CLASSIFICATIONS)
  readonly classification!: CaseClassification;

  @ApiProperty({ maxLength: REASON })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;
}

/** To one official or one unit (exactly one of them), with a due date. */
export class AssignCaseRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'The official who takes the case' })
  @IsOptional()
  @Matches(CASE_REFERENCE_ID, { message: REFERENCE_ID_MESSAGE })
  readonly officialId?: string;

  @ApiPropertyOptional({ description: 'The unit that takes the case (an active unit)' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId?: string;

  @ApiProperty({ description: 'ISO-8601 with offset, after occurredAt', example: '2017-04-08T17:00:00+07:00' })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly dueAt!: string;
}

export class RecordCaseActionRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'What was done', maxLength: TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  readonly description!: string;

  @ApiPropertyOptional({ description: 'The official who did it, when a clerk records it for them (a registered official)' })
  @IsOptional()
  @Matches(OFFICIAL_ID, { message: OFFICIAL_ID_MESSAGE })
  readonly byOfficialId?: string;
}

export class MarkCaseComplexRequestDto extends RecordedFactDto {
  @ApiProperty({ enum: CASE_COMPLEXITIES })
  @IsIn(CASE_COMPLEXITIES)
  readonly complexity!: CaseComplexity;

  @ApiProperty({ description: 'Which criterion of Decree 31/2019 art. 3 applies', maxLength: REASON })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;
}

export class ReportCaseUpwardRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The official who reported' })
  @Matches(CASE_REFERENCE_ID, { message: REFERENCE_ID_MESSAGE })
  readonly officialId!: string;

  @ApiProperty({ description: "A unit above the case's current unit", example: 'gia-loc' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly toUnitId!: string;

  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  readonly summary?: string;
}

export class RecordUpperLevelInformedRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The upper unit that learned of the matter', example: 'hai-duong' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;

  @ApiProperty({ enum: UPPER_LEVEL_CHANNELS, description: 'How it learned' })
  @IsIn(UPPER_LEVEL_CHANNELS)
  readonly channel!: UpperLevelChannel;

  @ApiPropertyOptional({ maxLength: REASON })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly note?: string;
}

export class EscalateCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ description: "A unit above the case's current unit", example: 'hai-duong' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly toUnitId!: string;

  @ApiProperty({ maxLength: REASON })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;
}

export class ExtendCaseDeadlineRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'Later than the current due date; ISO-8601 with offset' })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly newDueAt!: string;

  @ApiProperty({ description: 'The written decision and why', maxLength: REASON })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;
}

export class ResolveCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  readonly outcome!: string;
}

export class ReopenCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: REASON })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;
}

const LEGAL_GROUND = 500;

/** The decision that suspends the handling: why, and on which legal ground. */
export class SuspendCaseRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'Why the handling is suspended', maxLength: REASON, example: 'Awaiting the result of a related court case' })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON)
  readonly reason!: string;

  @ApiProperty({
    description: 'The article and the decision it rests on',
    maxLength: LEGAL_GROUND,
    example: 'Law on Denunciations 25/2018/QH14 art. 34; Decision 15/QĐ-UBND',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LEGAL_GROUND)
  readonly legalGround!: string;
}

/** The decision that resumes it; dueAt moves the handler's due date, which the pause made stale. */
export class ResumeCaseRequestDto extends SuspendCaseRequestDto {
  @ApiPropertyOptional({ description: 'A new due date for the handler, after occurredAt; ISO-8601 with offset' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly dueAt?: string;
}
