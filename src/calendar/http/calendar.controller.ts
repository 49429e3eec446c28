import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../../auth/requires.decorator.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, WorkingDayCalendar } from '../working-day-calendar.js';
import { CalendarYearView } from './calendar-year.view.js';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  @Requires('calendar.read')
  @Get(':year')
  @ApiOperation({
    summary:
      "A year's working-day calendar: the holidays of the labour law in force, the days taken in compensation, the swapped days and the weekend days worked",
  })
  @ApiOkResponse({ type: CalendarYearView })
  @ApiBadRequestResponse({ description: 'CALENDAR.YEAR_INVALID: the year is not four digits.' })
  @ApiNotFoundResponse({ description: `CALENDAR.YEAR_OUT_OF_RANGE: the calendar covers ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}.` })
  year(@Param('year') year: string): CalendarYearView {
    if (!/^\d{4}$/.test(year))
      throw new DomainError(
        'CALENDAR.YEAR_INVALID',
        `The year is four digits, ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}; got "${year.slice(0, 20)}".`,
        'invalid',
      );
    return this.calendar.year(Number(year));
  }
}
