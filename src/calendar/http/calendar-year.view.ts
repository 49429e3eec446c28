import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAY_OFF_KINDS, type DayOffKind } from '../calendar-year.js';

/** A day off of the year: a holiday, a day taken in compensation, or a weekday swapped for a weekend day. */
export class CalendarDayOffView {
  @ApiProperty({ format: 'date', example: '2026-02-17' })
  readonly date!: string;

  @ApiProperty({ description: 'In Vietnamese, with an English gloss.', example: 'Tết Nguyên đán Bính Ngọ (mùng 1, Lunar New Year’s Day)' })
  readonly name!: string;

  @ApiProperty({
    enum: DAY_OFF_KINDS,
    description:
      'holiday: a public holiday of the labour law; compensatory: in place of a holiday on the weekly rest day; swapped: a weekday given off for a weekend day worked.',
  })
  readonly kind!: DayOffKind;

  @ApiProperty({
    description: 'The article of the labour law, and the decision that fixed the day where one did.',
    example:
      'Labour Code 45/2019/QH14, art. 112(1)(b) (Tết: 5 days, fixed by the Prime Minister, art. 112(3)); days fixed by Ministry of Home Affairs schedule of Tết 2026',
  })
  readonly reference!: string;

  @ApiProperty({ description: 'Not confirmed against the decision or the law; the note says what is unsure or assumed.' })
  readonly needsCheck!: boolean;

  @ApiPropertyOptional()
  readonly note?: string;
}

export class WeeklyRestView {
  @ApiProperty({ format: 'date', example: '1999-10-02' })
  readonly from!: string;

  @ApiProperty({ format: 'date', example: '1999-12-31' })
  readonly to!: string;

  @ApiProperty({ enum: ['Saturday', 'Sunday'], isArray: true, description: 'Sunday only before the five-day week of 1999-10-02.' })
  readonly days!: readonly string[];

  @ApiProperty({ example: 'Decision 188/1999/QĐ-TTg, art. 1 (a 40-hour week of five days, Saturday and Sunday off, from 1999-10-02)' })
  readonly reference!: string;
}

/** GET /api/v1/calendar/{year}: why a deadline counted in working days fell where it did. */
export class CalendarYearView {
  @ApiProperty({ minimum: 1995, maximum: 2100, example: 2026 })
  readonly year!: number;

  @ApiProperty({
    description:
      'True when no decision of the government is recorded for the year: the days come from the law alone, and the days the government chooses (the five days of Tết, the day next to National Day) are assumed and marked needsCheck.',
  })
  readonly provisional!: boolean;

  @ApiProperty({
    type: [CalendarDayOffView],
    description: 'Every day off that is not a weekly rest day by itself, in date order (holidays on a weekend included).',
  })
  readonly holidays!: readonly CalendarDayOffView[];

  @ApiProperty({
    type: [String],
    format: 'date',
    description: 'Saturdays and Sundays worked in exchange for a weekday off (ngày làm bù).',
    example: ['2026-01-10'],
  })
  readonly workingWeekends!: readonly string[];

  @ApiProperty({ type: [WeeklyRestView] })
  readonly weeklyRest!: readonly WeeklyRestView[];

  @ApiProperty({
    type: [String],
    description: 'The laws, the method of the lunar dates, and the decisions and the publications they were read in.',
  })
  readonly sources!: readonly string[];

  @ApiProperty({ type: [String], description: 'What is unsure about the year, what is announced but not yet law.' })
  readonly notes!: readonly string[];
}
