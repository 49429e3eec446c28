import { UUID } from '../domain-kit/ids.js';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { JsonObject } from '../ledger/event-store.port.js';
import { RecordedFactDto } from './recorded-fact.dto.js';

/** POST .../corrections: names the event being corrected, says why, and gives the replacement values. */
export class CorrectionRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'The id of the event being corrected' })
  @Matches(UUID, { message: '$property must be a lower-case UUID' })
  readonly eventId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;

  @ApiProperty({ description: 'The replacement values of the corrected fields', type: 'object', additionalProperties: true })
  @IsObject()
  readonly fields!: JsonObject;
}
