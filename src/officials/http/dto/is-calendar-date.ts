import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { CALENDAR_DATE } from '../../../domain-kit/calendar-date.js';

/** A real calendar day written YYYY-MM-DD (2017-02-30 is refused). */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(CALENDAR_DATE, { message: '$property must be a calendar date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}
