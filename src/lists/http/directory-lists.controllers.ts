import { applyDecorators, Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { principalOf } from '../../auth/principal.js';
import { Requires } from '../../auth/requires.decorator.js';
import { ResourceScopes } from '../../auth/resource-scopes.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { DirectoryListsQuery } from '../directory-lists.query.js';
import { DEFAULT_PAGE } from '../list-page.js';
import { listScopeOf } from '../list-scope.js';
import { listsProjection } from '../lists.projection.js';
import { MeetingListQueryDto, OfficialListQueryDto, UnitListQueryDto, VisitListQueryDto } from './directory-lists.query.dto.js';
import { MeetingListPageView, OfficialListPageView, UnitListPageView, VisitListPageView } from './directory-lists.view.js';
import { withNextLink } from './next-link.js';

const ListErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({
      description: 'A malformed filter (VALIDATION.FAILED) or a cursor this list did not give (LIST.CURSOR_INVALID)',
    }),
    ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' }),
  );

/* Thin: the query, the caller's scope, one read of the lists read model. */

@ApiTags('units')
@Controller('api/v1/units')
@ListErrors()
export class UnitListController {
  constructor(
    private readonly lists: DirectoryListsQuery,
    private readonly engine: ProjectionEngine,
  ) {}

  @Requires('directory.read')
  @Get()
  @ApiOperation({ summary: 'The unit tree: every unit, renamed, merged and abolished ones included, each with its history' })
  @ApiOkResponse({ type: UnitListPageView })
  async list(
    @Query() query: UnitListQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitListPageView> {
    const { minPosition, limit, ...filter } = query;
    await readAfter(this.engine, listsProjection.name, minPosition, response);
    return withNextLink(request, this.lists.units({ ...filter, limit: limit ?? DEFAULT_PAGE }));
  }
}

@ApiTags('officials')
@Controller('api/v1/officials')
@ListErrors()
export class OfficialListController {
  constructor(
    private readonly lists: DirectoryListsQuery,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('directory.read')
  @Get()
  @ApiOperation({ summary: 'Officials by home unit, by the unit they are in charge of on a day, by name (diacritics ignored)' })
  @ApiOkResponse({ type: OfficialListPageView })
  async list(
    @Query() query: OfficialListQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OfficialListPageView> {
    const { minPosition, limit, on, ...filter } = query;
    await readAfter(this.engine, listsProjection.name, minPosition, response);
    const page = this.lists.officials({ ...filter, on: on ?? this.clock.now().toISOString(), limit: limit ?? DEFAULT_PAGE });
    return withNextLink(request, page);
  }
}

@ApiTags('visits')
@Controller('api/v1/visits')
@ListErrors()
export class VisitListController {
  constructor(
    private readonly lists: DirectoryListsQuery,
    private readonly scopes: ResourceScopes,
    private readonly engine: ProjectionEngine,
  ) {}

  @Requires('records.read')
  @Get()
  @ApiOperation({ summary: 'Visits the caller may read, by unit, participant, planned period, kind and status' })
  @ApiOkResponse({ type: VisitListPageView })
  async list(
    @Query() query: VisitListQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VisitListPageView> {
    const { minPosition, limit, sort, ...filter } = query;
    await readAfter(this.engine, listsProjection.name, minPosition, response);
    const scope = await listScopeOf(principalOf(request), 'records.read', this.scopes);
    const page = this.lists.visits({ ...filter, descending: sort !== 'plannedFor', limit: limit ?? DEFAULT_PAGE }, scope);
    return withNextLink(request, page);
  }
}

@ApiTags('meetings')
@Controller('api/v1/meetings')
@ListErrors()
export class MeetingListController {
  constructor(
    private readonly lists: DirectoryListsQuery,
    private readonly scopes: ResourceScopes,
    private readonly engine: ProjectionEngine,
  ) {}

  @Requires('records.read')
  @Get()
  @ApiOperation({ summary: 'Meetings the caller may read, by unit, kind, period and attendee' })
  @ApiOkResponse({ type: MeetingListPageView })
  async list(
    @Query() query: MeetingListQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeetingListPageView> {
    const { minPosition, limit, sort, ...filter } = query;
    await readAfter(this.engine, listsProjection.name, minPosition, response);
    const scope = await listScopeOf(principalOf(request), 'records.read', this.scopes);
    const page = this.lists.meetings({ ...filter, descending: sort !== 'heldAt', limit: limit ?? DEFAULT_PAGE }, scope);
    return withNextLink(request, page);
  }
}
