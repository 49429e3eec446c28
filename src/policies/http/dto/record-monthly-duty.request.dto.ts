import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { MEETING_KINDS, type MeetingKind } from '../../../meetings/meeting.events.js';
import { IsCalendarDate } from '../../../officials/http/dto/is-calendar-date.js';
import type { MeetingPlace } from '../../monthly-duty.js';

const MEETING_PLACES: readonly MeetingPlace[] = ['the-unit', 'within-the-unit'];

export class MeetingToAttendDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  readonly kind!: MeetingKind;

  @ApiProperty({
    enum: MEETING_PLACES,
    description: "the-unit: the unit's own Party committee; within-the-unit: any unit of that kind in its tree (a Party cell in it).",
  })
  @IsIn(MEETING_PLACES)
  readonly where!: MeetingPlace;
}

export class RecordMonthlyDutyRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'Defaults to a new id (from the Idempotency-Key when sent).', example: 'committee-only-2020' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: '$property must be 1-80 lower-case letters, digits or "-"' })
  readonly dutyId?: string;

  @ApiProperty({ type: [MeetingToAttendDto], description: 'What a member in charge must attend each month; one part per kind of meeting.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MeetingToAttendDto)
  readonly attend!: MeetingToAttendDto[];

  @ApiProperty({ description: 'First day the duty applies (YYYY-MM-DD).', example: '2020-04-01' })
  @IsCalendarDate()
  readonly effectiveFrom!: string;

  @ApiPropertyOptional({ description: 'First day the duty no longer applies (YYYY-MM-DD), after effectiveFrom.', example: '2026-07-01' })
  @IsOptional()
  @IsCalendarDate()
  readonly effectiveTo?: string;

  @ApiProperty({
    maxLength: 1000,
    description: 'The source of the duty: the working rules or decision that sets it.',
    example: 'Working rules of the district Party committee, art. 5',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  readonly reference!: string;

  @ApiProperty({ description: 'True when the source does not settle everything the duty says (its start date, say).' })
  @IsBoolean()
  readonly needsCheck!: boolean;
}

export class RetireMonthlyDutyRequestDto extends RecordedFactDto {
  @ApiProperty({
    description: 'First day the duty no longer applies (YYYY-MM-DD); the shipped duty applies again from it.',
    example: '2026-07-01',
  })
  @IsCalendarDate()
  readonly effectiveTo!: string;

  @ApiProperty({ maxLength: 2000, example: 'Replaced by new working rules' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}
