import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import { OVERDUE_COLUMNS, TIMELINE_DEADLINE_COLUMNS } from '../timelines.csv.js';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import type { CaseTimeline } from '../case-timeline.js';
import { caseTimelinesProjection } from '../case-timelines.projection.js';
import { CaseTimelinesQuery, type OverdueItem } from '../case-timelines.query.js';
import {
  AggregatesQueryDto,
  CaseTimelineQueryDto,
  GroupDeadlinesQueryDto,
  OverdueQueryDto,
  TimelineQueryDto,
} from './timelines.query.dto.js';
import { withGroupLinks, type LinkedGroupStatistics } from './group-links.js';
import { withEventLinks, type EventLinks } from '../../http/event-links.js';
import { readAfter } from '../../projections/read-after.js';
import { Requires } from '../../auth/requires.decorator.js';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

@ApiTags('timelines')
@Controller('api/v1/timelines')
@ApiBadRequestResponse({ description: 'A malformed parameter (VALIDATION), TIMELINE.CASE_ID_INVALID or TIMELINE.EMPTY_RANGE' })
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class TimelinesController {
  constructor(
    private readonly timelines: CaseTimelinesQuery,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.timeline, {
    description: "The case's steps and deadlines; eventLinks opens each evidence id",
    csv: 'caseId,step,status,ruleId,legalReference,limit,limitUnit,clockStartedAt,dueAt,completedAt,durationHours,extensionsAllowed,unitId,officialId,evidence\r\n',
  })
  @Get('cases/:caseId')
  @ApiOperation({
    summary:
      "A case's steps with the time between them, and each deadline (rule, legal reference, due, met/missed/overdue/open, duration) with its evidence",
  })
  @ApiOkResponse({ description: '{ caseId, category, receivedUnitId, currentUnitId, assignee, asOf, steps: [...], deadlines: [...] }' })
  @ApiNotFoundResponse({ description: 'TIMELINE.CASE_NOT_FOUND: no such case received as of asOf' })
  async caseTimeline(
    @Param('caseId') caseId: string,
    @Query() query: CaseTimelineQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<(CaseTimeline & EventLinks) | string> {
    if (!CASE_ID.test(caseId))
      throw new DomainError('TIMELINE.CASE_ID_INVALID', 'A case id is 1-100 letters, digits, ".", "_", ":" or "-".', 'invalid');
    await this.caughtUp(query.minPosition, response);
    const timeline = this.timelines.timelineOf(caseId, this.asOf(query));
    if (wantsCsv(request, query)) {
      const rows = timeline.deadlines.map((deadline) => ({ ...deadline, caseId: timeline.caseId }));
      return answerCsv(response, `timeline-${caseId}.csv`, TIMELINE_DEADLINE_COLUMNS, rows, query);
    }
    return withEventLinks(timeline);
  }

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.overdue, {
    description: 'Deadlines overdue and/or missed; eventLinks opens each evidence id',
    csv: 'caseId,category,step,status,clockStartedAt,dueAt,completedAt,hoursLate,unitId,officialId,ruleId,legalReference,evidence\r\n',
  })
  @Get('overdue')
  @ApiOperation({ summary: 'Deadlines overdue (not done, past due) and/or missed (done late) as of a date, earliest due first' })
  @ApiOkResponse({
    description:
      '{ asOf, items: [{ caseId, category, step, status, clockStartedAt, dueAt, completedAt, hoursLate, unitId, officialId, ruleId, legalReference, evidence }] }',
  })
  async overdue(
    @Query() query: OverdueQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<({ asOf: string; items: OverdueItem[] } & EventLinks) | string> {
    await this.caughtUp(query.minPosition, response);
    const asOf = this.asOf(query);
    const items = this.timelines.overdue({
      asOf,
      status: query.status ?? 'breached',
      unitId: query.unitId,
      category: query.category,
      step: query.step,
    });
    if (wantsCsv(request, query)) return answerCsv(response, 'overdue.csv', OVERDUE_COLUMNS, items, query);
    return withEventLinks({ asOf, items });
  }

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.aggregates, { description: 'Counts, medians and on-time rates per group' })
  @Get('aggregates')
  @ApiOperation({
    summary:
      'Per unit, official or month: counts by status, median and 90th-percentile durations (hours), on-time rate, per step, each group and step with the link to the deadlines behind it',
  })
  @ApiOkResponse({
    description:
      '{ asOf, groupBy, groups: [{ key, count, onTimeRate, cases, deadlines, steps: [{ step, count, byStatus, medianHours, p90Hours, onTimeRate, cases, deadlines }] }] }; deadlines: GET /api/v1/timelines/deadlines with the same filters, asOf and the key',
  })
  async aggregates(
    @Query() query: AggregatesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ asOf: string; groupBy: string; groups: LinkedGroupStatistics[] }> {
    this.checkRange(query);
    await this.caughtUp(query.minPosition, response);
    const filter = { ...this.aggregateFilter(query), asOf: this.asOf(query) };
    return { asOf: filter.asOf, groupBy: filter.groupBy, groups: withGroupLinks(this.timelines.aggregates(filter), filter) };
  }

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.groupDeadlines, {
    description: 'The deadlines one group of the aggregates counts; eventLinks opens each evidence id',
    csv: 'caseId,category,step,status,clockStartedAt,dueAt,completedAt,hoursLate,unitId,officialId,ruleId,legalReference,evidence\r\n',
  })
  @Get('deadlines')
  @ApiOperation({
    summary:
      "The deadlines behind one group of the aggregates (the same filters and asOf, and the group's key), each with its verdict, rule and evidence, earliest clock start first",
  })
  @ApiOkResponse({
    description:
      '{ asOf, groupBy, key, items: [{ caseId, category, step, status, clockStartedAt, dueAt, completedAt, hoursLate, unitId, officialId, ruleId, legalReference, evidence }] }',
  })
  async groupDeadlines(
    @Query() query: GroupDeadlinesQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<({ asOf: string; groupBy: string; key: string; items: OverdueItem[] } & EventLinks) | string> {
    this.checkRange(query);
    await this.caughtUp(query.minPosition, response);
    const asOf = this.asOf(query);
    const items = this.timelines.groupDeadlines({ ...this.aggregateFilter(query), asOf, key: query.key });
    if (wantsCsv(request, query)) return answerCsv(response, `deadlines-${query.groupBy}-${query.key}.csv`, OVERDUE_COLUMNS, items, query);
    return withEventLinks({ asOf, groupBy: query.groupBy, key: query.key, items });
  }

  private checkRange(query: AggregatesQueryDto): void {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new DomainError('TIMELINE.EMPTY_RANGE', 'The time range ends before it starts: "from" must not be after "to".', 'invalid');
    }
  }

  private aggregateFilter(query: AggregatesQueryDto) {
    return { groupBy: query.groupBy, from: query.from, to: query.to, category: query.category, step: query.step };
  }

  private asOf(query: TimelineQueryDto): string {
    return query.asOf ?? this.clock.now().toISOString();
  }

  private caughtUp(minPosition: number | undefined, response: Response): Promise<void> {
    return readAfter(this.engine, caseTimelinesProjection.name, minPosition, response);
  }
}
