import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { principalOf } from '../../auth/principal.js';
import { Requires } from '../../auth/requires.decorator.js';
import { ResourceScopes } from '../../auth/resource-scopes.js';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import { ApiAnswer } from '../../http/documented-answer.js';
import { withEventLinks, type EventLinks } from '../../http/event-links.js';
import { withNextLink } from '../../lists/http/next-link.js';
import { DEFAULT_PAGE, type Page } from '../../lists/list-page.js';
import { listScopeOf } from '../../lists/list-scope.js';
import { listsProjection } from '../../lists/lists.projection.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { caseTimelinesProjection } from '../../timelines/case-timelines.projection.js';
import type { Alert } from '../alert.js';
import { ALERT_COLUMNS, ALERT_CSV_HEADER } from '../alerts.csv.js';
import { AlertsQuery } from '../alerts.query.js';
import { ALERTS_PAGE_EXAMPLE } from './alert-examples.js';
import { AlertsQueryDto } from './alerts.query.dto.js';

type AlertsPage = Page<Alert> & { next: string | null; asOf: string; withinDays: number } & EventLinks;

/** Thin: the query, the caller's scope (the case list's), one judgement of the open deadlines. */
@ApiTags('alerts')
@Controller('api/v1/alerts')
@ApiBadRequestResponse({ description: 'A malformed filter (VALIDATION.FAILED) or a cursor this list did not give (LIST.CURSOR_INVALID)' })
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class AlertsController {
  constructor(
    private readonly alerts: AlertsQuery,
    private readonly scopes: ResourceScopes,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Requires('cases.read')
  @Get()
  @ApiOperation({
    summary:
      'Deadlines approaching (due within N working days) and breached (past due, not done) of the cases the caller may read, earliest due first, each with its case and evidence links',
  })
  @ApiAnswer(ALERTS_PAGE_EXAMPLE, { description: 'A page of alerts; eventLinks opens each evidence id', csv: ALERT_CSV_HEADER })
  async list(
    @Query() query: AlertsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlertsPage | string> {
    // Both read models judge an alert: the lists choose the cases, the timelines hold their facts.
    await readAfter(this.engine, caseTimelinesProjection.name, query.minPosition, response);
    await readAfter(this.engine, listsProjection.name, query.minPosition, response);
    const asOf = query.asOf ?? this.clock.now().toISOString();
    const withinDays = query.withinDays ?? this.config.alerts.approachingWorkingDays;
    const scope = await listScopeOf(principalOf(request), 'cases.read', this.scopes);
    const page = this.alerts.list(
      {
        asOf,
        withinWorkingDays: withinDays,
        kind: query.kind,
        unitId: query.unitId,
        below: query.below,
        officialId: query.officialId,
        after: query.after,
        limit: query.limit ?? DEFAULT_PAGE,
      },
      scope,
    );
    const linked = withNextLink(request, page);
    if (wantsCsv(request, query)) {
      // A table has no field for the cursor: the next page is linked as RFC 8288 says.
      if (linked.next !== null) response.setHeader('Link', `<${linked.next}>; rel="next"`);
      return answerCsv(response, 'alerts.csv', ALERT_COLUMNS, page.items, query);
    }
    return withEventLinks({ ...linked, asOf, withinDays });
  }
}
