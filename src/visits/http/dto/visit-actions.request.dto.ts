import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOffsetDateTime, RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { MAX_PARTICIPANTS } from '../../visit.events.js';
import { OFFICIAL_ID } from '../../../officials/official-id.js';
import { OFFICIAL_ID_MESSAGE } from './schedule-visit.request.dto.js';

export class RescheduleVisitRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The new plan (ISO-8601 with offset).', example: '2017-03-10T08:00:00+07:00' })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly plannedFor!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}

export class CancelVisitRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}

/** occurredAt (when the conduct is recorded as having happened) defaults to now and may not precede endedAt. */
export class ConductVisitRequestDto extends RecordedFactDto {
  @ApiProperty({ example: '2017-03-09T08:00:00+07:00' })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly startedAt!: string;

  @ApiProperty({ description: 'After startedAt.', example: '2017-03-09T11:30:00+07:00' })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly endedAt!: string;

  @ApiProperty({ description: `The officials who were actually there, 1 to ${MAX_PARTICIPANTS}, planned or not.`, type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @ArrayUnique()
  @Matches(OFFICIAL_ID, { each: true, message: OFFICIAL_ID_MESSAGE })
  readonly presentParticipants!: string[];

  @ApiPropertyOptional({ description: 'Anyone else present, in words (local leaders, households...).', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly others?: string;
}
