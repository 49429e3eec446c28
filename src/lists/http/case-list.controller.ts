import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { NEXT_AFTER_HEADER } from '../../audit/http/audit.controller.js';
import type { Request, Response } from 'express';
import { Requires } from '../../auth/requires.decorator.js';
import { principalOf } from '../../auth/principal.js';
import { ResourceScopes } from '../../auth/resource-scopes.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { CASE_CSV_MAX_ROWS, CASE_LIST_COLUMNS, CASE_LIST_CSV_HEADER } from '../case-list.csv.js';
import { CaseListQuery } from '../case-list.query.js';
import { DEFAULT_PAGE } from '../list-page.js';
import { listScopeOf } from '../list-scope.js';
import { listsProjection } from '../lists.projection.js';
import { CaseListQueryDto } from './case-list.query.dto.js';
import { CaseListPageView } from './case-list.view.js';
import { withNextLink } from './next-link.js';
import { SEARCH_EXAMPLES } from './case-search.examples.js';

/** Thin: the query, the caller's scope, one read of the lists read model. */
@ApiTags('cases')
@ApiExtraModels(CaseListPageView)
@Controller('api/v1/cases')
@ApiBadRequestResponse({
  description:
    'A malformed filter (VALIDATION.FAILED), a cursor this list did not give (LIST.CURSOR_INVALID), or sort=relevance without q (LIST.RELEVANCE_WITHOUT_SEARCH)',
})
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class CaseListController {
  constructor(
    private readonly cases: CaseListQuery,
    private readonly scopes: ResourceScopes,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('cases.read')
  @Get()
  @ApiOperation({
    summary: 'Cases the caller may read, filtered, searched (diacritics ignored) and sorted, a page at a time; never a reporter',
  })
  @ApiExtraModels(CaseListPageView)
  @ApiOkResponse({
    description: `A page of cases; with format=csv (or Accept: text/csv) every case the filters find (at most ${CASE_CSV_MAX_ROWS}; the rest linked in Link rel="next" and its cursor in ${NEXT_AFTER_HEADER}) as CSV`,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CaseListPageView) }, examples: SEARCH_EXAMPLES },
      'text/csv': { schema: { type: 'string', description: 'RFC 4180, UTF-8 with a BOM unless bom=false' }, example: CASE_LIST_CSV_HEADER },
    },
  })
  async list(
    @Query() query: CaseListQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseListPageView | string> {
    await readAfter(this.engine, listsProjection.name, query.minPosition, response);
    const { minPosition: _minPosition, limit, sort, asOf, format: _format, bom: _bom, ...filter } = query;
    const judgedAt = asOf ?? this.clock.now().toISOString();
    const scope = await listScopeOf(principalOf(request), 'cases.read', this.scopes);
    // A table is the whole list a person filtered (one snapshot), not the page a screen shows.
    const csv = wantsCsv(request, query);
    const size = csv ? CASE_CSV_MAX_ROWS : (limit ?? DEFAULT_PAGE);
    const page = this.cases.list({ ...filter, asOf: judgedAt, sort: sort ?? '-received', limit: size }, scope);
    const linked = withNextLink(request, page);
    if (csv) {
      // A table has no field for the cursor: the rest is linked as RFC 8288 says, and its cursor named as the audit trail's is.
      if (linked.next !== null) response.setHeader('Link', `<${linked.next}>; rel="next"`);
      if (page.nextAfter !== null) response.setHeader(NEXT_AFTER_HEADER, page.nextAfter);
      return answerCsv(response, 'cases.csv', CASE_LIST_COLUMNS, page.items, query);
    }
    return { ...linked, asOf: judgedAt };
  }
}
