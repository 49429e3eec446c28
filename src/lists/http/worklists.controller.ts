import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { principalOf } from '../../auth/principal.js';
import { Requires } from '../../auth/requires.decorator.js';
import { ResourceScopes } from '../../auth/resource-scopes.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { DirectoryListsQuery } from '../directory-lists.query.js';
import { listScopeOf } from '../list-scope.js';
import { listsProjection } from '../lists.projection.js';
import { Worklists, type WorklistRequest } from '../worklists.js';
import { LIST_ID } from './list-query.dto.js';
import { OfficialWorklistView, UnitWorklistView } from './worklist.view.js';
import { WORKLIST_DEFAULT_DUE_SOON, WORKLIST_DEFAULT_LIMIT, WorklistQueryDto } from './worklists.query.dto.js';

/** Thin: the caller's scope, then the worklist asked of the lists read model. */
@ApiTags('worklists')
@Controller('api/v1/worklists')
@ApiBadRequestResponse({ description: 'A malformed parameter (VALIDATION.FAILED, WORKLIST.UNIT_ID_INVALID)' })
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class WorklistsController {
  constructor(
    private readonly worklists: Worklists,
    private readonly directory: DirectoryListsQuery,
    private readonly scopes: ResourceScopes,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('cases.read')
  @Get('mine')
  @ApiOperation({
    summary:
      "The caller's own worklist, the caller being the official named by the token's subject: assigned cases, due soon, overdue, must-report matters of their units not reported upward, planned visits",
  })
  @ApiOkResponse({ type: OfficialWorklistView })
  async mine(
    @Query() query: WorklistQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OfficialWorklistView> {
    await readAfter(this.engine, listsProjection.name, query.minPosition, response);
    const principal = principalOf(request);
    const scope = await listScopeOf(principal, 'cases.read', this.scopes);
    return { officialId: principal.subject, ...this.worklists.ofOfficial(principal.subject, this.requestOf(query), scope) };
  }

  @Requires('cases.read')
  @Get('units/:unitId')
  @ApiOperation({ summary: "A unit's worklist (the unit, the units under it and those merged into it), for its leaders" })
  @ApiOkResponse({ type: UnitWorklistView })
  @ApiForbiddenResponse({ description: 'AUTH.UNIT_OUT_OF_SCOPE: the unit is not one the caller serves or lies under' })
  @ApiNotFoundResponse({ description: 'WORKLIST.UNIT_NOT_FOUND: no such unit' })
  async ofUnit(
    @Param('unitId') unitId: string,
    @Query() query: WorklistQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitWorklistView> {
    if (!LIST_ID.test(unitId))
      throw new DomainError('WORKLIST.UNIT_ID_INVALID', 'A unit id is 1-100 letters, digits, ".", "_", ":" or "-".', 'invalid');
    await readAfter(this.engine, listsProjection.name, query.minPosition, response);
    const principal = principalOf(request);
    await this.scopes.assertMayOnUnit(principal, 'cases.read', unitId);
    if (!this.directory.hasUnit(unitId)) throw new DomainError('WORKLIST.UNIT_NOT_FOUND', `Unit ${unitId} is not registered.`, 'not-found');
    const scope = await listScopeOf(principal, 'cases.read', this.scopes);
    return { unitId, ...this.worklists.ofUnit(unitId, this.requestOf(query), scope) };
  }

  private requestOf(query: WorklistQueryDto): WorklistRequest {
    return {
      asOf: query.asOf ?? this.clock.now().toISOString(),
      dueSoonWorkingDays: query.dueSoonWorkingDays ?? WORKLIST_DEFAULT_DUE_SOON,
      limit: query.limit ?? WORKLIST_DEFAULT_LIMIT,
    };
  }
}
