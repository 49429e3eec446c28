import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';
import { caseDecider } from '../cases/case.decider.js';
import { caseStream } from '../cases/case.events.js';
import type { CaseState } from '../cases/case.state.js';
import type { Clock } from '../domain-kit/clock.js';
import { vietnamDateAt } from '../domain-kit/time.js';
import { vietnamDayOf } from '../calendar/calendar-day.js';
import { foldStream } from '../ledger/command-handler.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { readsOf } from '../ledger/request-reads.js';
import { meetingDecider } from '../meetings/meeting.decider.js';
import { meetingStream } from '../meetings/meeting.events.js';
import { OfficialDirectory } from '../officials/official-directory.js';
import { lastDayOf } from '../officials/responsibility-assignments.js';
import { UnitDirectory, type StreamReader } from '../organisation/unit-directory.js';
import { visitDecider } from '../visits/visit.decider.js';
import { visitStream } from '../visits/visit.events.js';
import { decideAccess, type ResourceScope } from './access-policy.js';
import type { PermissionName } from './permissions.js';
import type { Principal } from './principal.js';
import type { ResourceRef } from './requires.decorator.js';

/** Reads, from the ledger, what a scoped permission is checked against: the resource's unit line, its assignee. */
export class ResourceScopes {
  private readonly units: UnitDirectory;
  private readonly officials: OfficialDirectory;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    this.units = new UnitDirectory(store);
    this.officials = new OfficialDirectory(store);
  }

  /**
   * Reads through the request's reads (`readsOf`), so that the command of the same request starts
   * from the stream read here instead of reading it again.
   */
  async scopeOf(ref: ResourceRef, request: Request): Promise<ResourceScope> {
    const reads = readsOf(request, this.store);
    switch (ref.from) {
      case 'body-unit': {
        const unitId = (request.body as Record<string, unknown> | undefined)?.[ref.field];
        return { unitLine: typeof unitId === 'string' && unitId !== '' ? await this.unitLine(unitId, reads) : [] };
      }
      case 'case':
        return this.caseScope(foldStream(caseDecider, await reads.readStream(caseStream(param(request, ref.param)))), undefined, reads);
      case 'visit': {
        const state = foldStream(visitDecider, await reads.readStream(visitStream(param(request, ref.param))));
        return { unitLine: state.status === 'not-scheduled' ? [] : await this.matterLine(state.unitId, state.plannedFor, reads) };
      }
      case 'meeting': {
        const state = foldStream(meetingDecider, await reads.readStream(meetingStream(param(request, ref.param))));
        return { unitLine: state.status === 'unrecorded' ? [] : await this.matterLine(state.unitId, state.heldAt, reads) };
      }
      case 'official':
        return { unitLine: [], officialId: param(request, ref.param) };
    }
  }

  /** What a permission on one case, visit or meeting is checked against, by its id. */
  async aggregateScope(kind: 'case' | 'visit' | 'meeting', id: string): Promise<ResourceScope> {
    switch (kind) {
      case 'case':
        return this.caseScope(foldStream(caseDecider, await this.store.readStream(caseStream(id))));
      case 'visit': {
        const state = foldStream(visitDecider, await this.store.readStream(visitStream(id)));
        return { unitLine: state.status === 'not-scheduled' ? [] : await this.matterLine(state.unitId, state.plannedFor) };
      }
      case 'meeting': {
        const state = foldStream(meetingDecider, await this.store.readStream(meetingStream(id)));
        return { unitLine: state.status === 'unrecorded' ? [] : await this.matterLine(state.unitId, state.heldAt) };
      }
    }
  }

  /**
   * What a case's permissions are checked against: its current unit's line and its assignee. The line is
   * the tree of the matter's day (the day it was received) joined with today's: the upper levels of a
   * commune's 2024 matter still include the district it then sat under, and those of today (the
   * province it was moved under) now follow it up; a 2026 matter of the commune, received after the
   * move, is out of the district's reach. A caller checking many cases (a list) passes `unitLines` to
   * read each unit's line once per day.
   */
  async caseScope(state: CaseState, unitLines?: Map<string, Promise<string[]>>, reader?: StreamReader): Promise<ResourceScope> {
    if (state.status === 'unreceived') return { unitLine: [] };
    const line = (day?: string) => {
      const key = `${state.currentUnitId}\u0000${day ?? ''}`;
      let found = unitLines?.get(key);
      if (!found) {
        found = this.unitLine(state.currentUnitId, reader, day);
        unitLines?.set(key, found);
      }
      return found;
    };
    const [ofTheDay, ofToday] = await Promise.all([line(vietnamDayOf(state.receivedAt)), line()]);
    return { unitLine: [...new Set([...ofTheDay, ...ofToday])], assignedOfficialId: state.assignee?.officialId ?? null };
  }

  /**
   * For a permission on a unit that a request names in its content rather than in its path (the unit
   * a visit finding opens a case in): refused with 403 AUTH.UNIT_OUT_OF_SCOPE, or AUTH.ROLE_REQUIRED,
   * exactly as the guard refuses a route. Call it before anything is written.
   */
  async assertMayOnUnit(principal: Principal, permission: PermissionName, unitId: string): Promise<void> {
    const decision = decideAccess(principal, permission, { unitLine: await this.unitLine(unitId) }, await this.servedUnits(principal));
    if (!decision.allowed) throw new ForbiddenException({ code: decision.code, message: decision.message, details: decision.details });
  }

  /** The units the caller serves: the token's, plus, for an official, the units they are in charge of today. */
  async servedUnits(principal: Principal): Promise<readonly string[] | 'all'> {
    if (principal.units === 'all') return 'all';
    if (!principal.roles.includes('official')) return principal.units;
    const official = await this.officials.state(principal.subject);
    if (official.status === 'unregistered') return principal.units;
    const today = vietnamDateAt(this.clock.now().getTime());
    const inCharge = official.assignments
      .filter((assignment) => assignment.from <= today && (lastDayOf(assignment) ?? '9999-12-31') >= today)
      .map((assignment) => assignment.unitId);
    return [...new Set([...principal.units, ...inCharge])];
  }

  /** A visit's or meeting's unit line: by the tree of its day joined with today's, as a case's (caseScope). */
  private async matterLine(unitId: string, at: string, reader?: StreamReader): Promise<string[]> {
    const [ofTheDay, ofToday] = await Promise.all([this.unitLine(unitId, reader, vietnamDayOf(at)), this.unitLine(unitId, reader)]);
    return [...new Set([...ofTheDay, ...ofToday])];
  }

  /** The unit and its ancestors on the day (without one, by the parents of today). */
  private async unitLine(unitId: string, reader?: StreamReader, day?: string): Promise<string[]> {
    return [unitId, ...(await this.units.ancestorsOf(unitId, reader, day))];
  }
}

function param(request: Request, name: string): string {
  const value = request.params[name];
  return typeof value === 'string' ? value : '';
}
