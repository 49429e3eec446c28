import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';

export { OFFSET_DATE_TIME } from '../domain-kit/offset-date-time.js';
import { OFFSET_DATE_TIME } from '../domain-kit/offset-date-time.js';
export const OFFSET_DATE_TIME_MESSAGE = '$property must be an ISO-8601 date-time with an offset, e.g. 2017-03-09T08:00:00+07:00';

/** Every command request may say when the fact happened; it defaults to the time the server receives it. */
export abstract class RecordedFactDto {
  @ApiPropertyOptional({ description: 'When it happened (ISO-8601 with offset); defaults to now. Not in the future, not before what it follows.', example: '2017-03-09T08:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @Matches(OFFSET_DATE_TIME, { message: OFFSET_DATE_TIME_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a real calendar date and time' })
  readonly occurredAt?: string;
}
