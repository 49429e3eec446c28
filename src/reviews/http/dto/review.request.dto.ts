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
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { OFFICIAL_ID, OFFICIAL_ID_MESSAGE } from '../../../officials/official-id.js';
import { MAX_EVIDENCE_EVENTS, REVIEW_OUTCOMES, type ReviewOutcome } from '../../review.events.js';
import { UUID } from '../../../domain-kit/ids.js';

export class OpenReviewRequestDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'A stable id chosen by the recorder; generated when absent.' })
  @IsOptional()
  @Matches(OFFICIAL_ID, { message: '$property must be 1-80 lower-case letters, digits or "-"' })
  readonly reviewId?: string;

  @ApiProperty({ description: 'The official under review; must be registered.', example: 'nguyen-van-a' })
  @Matches(OFFICIAL_ID, { message: OFFICIAL_ID_MESSAGE })
  readonly officialId!: string;

  @ApiProperty({ maxLength: 4000, example: 'The Standing Committee learned of the land dispute before the member in charge reported it.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  readonly grounds!: string;

  @ApiProperty({ description: `Ids of the recorded events the review rests on, 1 to ${MAX_EVIDENCE_EVENTS}, distinct.`, type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVIDENCE_EVENTS)
  @ArrayUnique()
  @Matches(UUID, { each: true, message: 'each of $property must be a lower-case UUID' })
  readonly evidenceEventIds!: string[];
}

export class ConcludeReviewRequestDto extends RecordedFactDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES })
  @IsIn(REVIEW_OUTCOMES)
  readonly outcome!: ReviewOutcome;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  readonly conclusion!: string;
}
