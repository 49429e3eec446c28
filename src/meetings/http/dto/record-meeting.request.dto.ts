import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsOffsetDateTime } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { OFFICIAL_ID, OFFICIAL_ID_MESSAGE } from '../../../officials/official-id.js';
import { MAX_ATTENDEES, MEETING_KINDS, type MeetingKind } from '../../meeting.events.js';

/** heldAt is the fact's occurredAt: a meeting happens when it is held, so there is no separate occurredAt. */
export class RecordMeetingRequestDto {
  @ApiPropertyOptional({
    description: 'A stable id chosen by the recorder; generated when absent. Recording the same id twice is a conflict.',
    example: 'gia-loc-2017-03',
  })
  @IsOptional()
  @Matches(OFFICIAL_ID, { message: '$property must be 1-80 lower-case letters, digits or "-"' })
  readonly meetingId?: string;

  @ApiProperty({ description: 'The unit whose committee or cell met; must be active.', example: 'xa-a' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  readonly kind!: MeetingKind;

  @ApiProperty({
    description: 'When the meeting was held (ISO-8601 with offset); not in the future.',
    example: '2017-03-09T08:00:00+07:00',
  })
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly heldAt!: string;

  @ApiProperty({
    description: `Official ids, 1 to ${MAX_ATTENDEES}, distinct; each registered and not gone at heldAt.`,
    type: [String],
    example: ['nguyen-van-a'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDEES)
  @ArrayUnique()
  @Matches(OFFICIAL_ID, { each: true, message: `each of $property: ${OFFICIAL_ID_MESSAGE.replace('$property ', '')}` })
  readonly attendees!: string[];

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  readonly agendaSummary?: string;
}
