import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { CASE_LIMITS, CASE_REFERENCE_ID } from '../../../cases/case-intake.js';
import { REFERENCE_ID_MESSAGE } from '../../../cases/http/dto/receive-case.request.dto.js';
import { CASE_CATEGORIES, type CaseCategory } from '../../../cases/case.events.js';
import { CaseReporterDto } from '../../../cases/http/dto/receive-case.request.dto.js';
import { FINDING_SEVERITIES, type FindingSeverity } from '../../visit.events.js';
import { VISIT_ID, VISIT_ID_MESSAGE } from './schedule-visit.request.dto.js';

/** The case a finding opens: received through channel 'visit', with the visit as its source. */
export class OpenCaseFromFindingDto {
  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  readonly category!: CaseCategory;

  @ApiProperty({ maxLength: CASE_LIMITS.summary, example: 'Households say they were not told before the land was recovered' })
  @IsString()
  @MinLength(1)
  @MaxLength(CASE_LIMITS.summary)
  readonly summary!: string;

  @ApiPropertyOptional({
    type: CaseReporterDto,
    description: 'The citizen who raised the matter during the visit, if any (personal data).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseReporterDto)
  readonly reporter?: CaseReporterDto;

  @ApiPropertyOptional({ description: "The unit concerned; defaults to the visit's unit. Must be active.", example: 'gia-tan' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId?: string;
}

export class RecordFindingRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id for the finding; derived from the Idempotency-Key, or random, when absent.' })
  @IsOptional()
  @Matches(VISIT_ID, { message: VISIT_ID_MESSAGE })
  readonly findingId?: string;

  @ApiProperty({ maxLength: 4000, example: 'Land of 12 households recovered without the notice the law requires' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  readonly text!: string;

  @ApiPropertyOptional({ enum: FINDING_SEVERITIES })
  @IsOptional()
  @IsIn(FINDING_SEVERITIES)
  readonly severity?: FindingSeverity;

  @ApiPropertyOptional({ type: OpenCaseFromFindingDto, description: 'Open a case from this finding.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenCaseFromFindingDto)
  readonly openCase?: OpenCaseFromFindingDto;

  @ApiPropertyOptional({
    description:
      "An existing case the finding concerns (instead of openCase): linked on both sides, shown in the case's history and timeline. Needs cases.receive on the case's unit.",
  })
  @IsOptional()
  @Matches(CASE_REFERENCE_ID, { message: REFERENCE_ID_MESSAGE })
  readonly caseId?: string;
}
