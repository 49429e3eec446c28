import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_CLASSIFICATIONS, type CaseCategory, type CaseChannel } from '../../cases/case.events.js';
import { TableFormatQueryDto } from '../../http/csv.js';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { CASE_SORTS, type CaseSort } from '../case-list.query.js';
import { LIST_ID, LIST_ID_MESSAGE, QueryBoolean, UnitFilterQueryDto } from './list-query.dto.js';

const CLASSIFICATION_FILTERS = [...CASE_CLASSIFICATIONS, 'unclassified'] as const;

/** The filters, and format=csv for the same list as a table. */
export class CaseListQueryDto extends IntersectionType(UnitFilterQueryDto, TableFormatQueryDto) {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'resolved', 'closed'])
  readonly status?: 'open' | 'resolved' | 'closed';

  @ApiPropertyOptional({ enum: CASE_CATEGORIES })
  @IsOptional()
  @IsIn(CASE_CATEGORIES)
  readonly category?: CaseCategory;

  @ApiPropertyOptional({ enum: CLASSIFICATION_FILTERS })
  @IsOptional()
  @IsIn(CLASSIFICATION_FILTERS)
  readonly classification?: (typeof CLASSIFICATION_FILTERS)[number];

  @ApiPropertyOptional({ enum: CASE_CHANNELS })
  @IsOptional()
  @IsIn(CASE_CHANNELS)
  readonly channel?: CaseChannel;

  @ApiPropertyOptional({ description: 'Assigned now to this official' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly assignedOfficialId?: string;

  @ApiPropertyOptional({ description: 'Assigned now to this unit' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly assignedUnitId?: string;

  @ApiPropertyOptional({ description: 'Received at or after this instant', example: '2026-01-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received before this instant (exclusive)', example: '2026-02-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly receivedTo?: string;

  @ApiPropertyOptional({ description: 'Due (the current handling period) before this instant' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly dueBefore?: string;

  @ApiPropertyOptional({ description: 'Open and past due as of asOf' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Open and due between asOf and the end of the N-th working day after it (Vietnamese working-day calendar)',
    minimum: 0,
    maximum: 60,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  readonly dueWithinWorkingDays?: number;

  @ApiPropertyOptional({
    description:
      "This official's responsibility as of asOf's day: cases in the units they are in charge of (and below), or assigned to them",
  })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly inChargeOf?: string;

  @ApiPropertyOptional({ description: 'true: cases whose handling is suspended now; false: those whose handling runs' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly suspended?: boolean;

  @ApiPropertyOptional({ description: 'Open must-report matters not yet reported upward' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly notReportedUpward?: boolean;

  @ApiPropertyOptional({ description: 'The moment overdue and dueWithinWorkingDays are judged at; default now' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly asOf?: string;

  @ApiPropertyOptional({
    description:
      'Full-text search over summary, outcomes, actions and the findings of visits about the case. Diacritics are ignored and đ is read as d ("o nhiem" finds "ô nhiễm", "Huong" finds "Hưởng"); every word must occur; words in double quotes must occur one after another (q="môi trường" with the quotes); the last word is read as a prefix, as one types ("o nhi"), unless it closes a quoted phrase. Everything but letters and digits is ignored. Each case found carries a snippet of where the words matched; sort=relevance ranks them.',
    maxLength: 200,
    example: '"ô nhiễm môi trường" thon',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  readonly q?: string;

  @ApiPropertyOptional({ description: 'Also answer total: how many cases the filters find over all pages', default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly count?: boolean;

  @ApiPropertyOptional({
    enum: CASE_SORTS,
    default: '-received',
    description:
      'A leading "-" sorts newest (or latest due) first. relevance (only with q) puts the best match first: BM25, the words standing together as typed counting once more, a word in the summary weighing four times one in an action or finding, an outcome twice; ties in the order the cases were recorded. A relevance page stays consistent within one read; as cases are recorded the scores move, so a later page may repeat or miss a case near its edge.',
  })
  @IsOptional()
  @IsIn(CASE_SORTS)
  readonly sort?: CaseSort;
}
