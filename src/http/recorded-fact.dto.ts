import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';

export const OFFSET_DATE_TIME_MESSAGE =
  '$property must be an ISO-8601 date-time with an offset naming a real date, e.g. 2017-03-09T08:00:00+07:00';

/** An ISO-8601 date-time with an offset that names a real calendar date (the ledger's one rule for times). */
export function IsOffsetDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOffsetDateTime',
      validator: { validate: (value) => isOffsetDateTime(value), defaultMessage: () => OFFSET_DATE_TIME_MESSAGE },
    },
    options,
  );
}

/** Every command request may say when the fact happened; it defaults to the time the server receives it. */
export abstract class RecordedFactDto {
  @ApiPropertyOptional({
    description: 'When it happened (ISO-8601 with offset); defaults to now. Not in the future, not before what it follows.',
    example: '2017-03-09T08:00:00+07:00',
  })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly occurredAt?: string;
}
