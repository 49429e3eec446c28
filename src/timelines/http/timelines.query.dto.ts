import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { TableFormatQueryDto } from '../../http/csv.js';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { POLICY_CATEGORIES, POLICY_STEPS, type PolicyCategory } from '../../policies/policy.events.js';
import type { TimelineDeadlineStep } from '../case-timeline.js';
import { GROUP_BY, type GroupBy } from '../timeline-statistics.js';

export const TIMELINE_STEP_FILTERS = [...POLICY_STEPS, 'assigned-due'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_MESSAGE = '$property must be 1-100 letters, digits, ".", "_", ":" or "-"';

/** asOf and minPosition: every timeline query takes them. */
export class TimelineQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({
    description: 'Judge as of this instant (ISO-8601 with offset); default: now. Facts that occurred later are ignored.',
    example: '2026-03-31T23:59:59+07:00',
  })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly asOf?: string;
}

/** GET /api/v1/timelines/cases/{caseId}: asOf, minPosition, and the table format. */
export class CaseTimelineQueryDto extends IntersectionType(TimelineQueryDto, TableFormatQueryDto) {}

/** The filters the overdue list and the aggregates share: a category and a step. */
export class StepFilterQueryDto extends TimelineQueryDto {
  @ApiPropertyOptional({ enum: POLICY_CATEGORIES })
  @IsOptional()
  @IsIn(POLICY_CATEGORIES)
  readonly category?: PolicyCategory;

  @ApiPropertyOptional({ enum: TIMELINE_STEP_FILTERS })
  @IsOptional()
  @IsIn(TIMELINE_STEP_FILTERS)
  readonly step?: TimelineDeadlineStep;
}

export class OverdueQueryDto extends IntersectionType(StepFilterQueryDto, TableFormatQueryDto) {
  @ApiPropertyOptional({
    enum: ['overdue', 'missed', 'breached'],
    default: 'breached',
    description: 'overdue: not done and past due; missed: done late; breached: both',
  })
  @IsOptional()
  @IsIn(['overdue', 'missed', 'breached'])
  readonly status?: 'overdue' | 'missed' | 'breached';

  @ApiPropertyOptional({ description: 'Only steps judged at this unit (where the case was when done, or as of asOf)' })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  readonly unitId?: string;
}

export class AggregatesQueryDto extends StepFilterQueryDto {
  @ApiProperty({
    enum: GROUP_BY,
    description:
      'unit: where the case was when the step was done (or as of asOf); official: its assigned official then; month: of the clock start, in Vietnam',
  })
  @IsIn(GROUP_BY)
  readonly groupBy!: GroupBy;

  @ApiPropertyOptional({ description: 'Deadlines whose clock started at or after this instant', example: '2025-01-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly from?: string;

  @ApiPropertyOptional({
    description: 'Deadlines whose clock started before this instant (exclusive)',
    example: '2026-01-01T00:00:00+07:00',
  })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly to?: string;
}

/** GET /api/v1/timelines/deadlines: one group of the aggregates, by the same filters and the group's key. */
export class GroupDeadlinesQueryDto extends IntersectionType(AggregatesQueryDto, TableFormatQueryDto) {
  @ApiProperty({
    description: "The group's key as the aggregates give it: a unit id, an official id (or 'unassigned'), or a month YYYY-MM",
    example: 'gia-tan',
  })
  @Matches(ID, { message: ID_MESSAGE })
  readonly key!: string;
}
