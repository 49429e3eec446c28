import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid } from '../ledger/deterministic-uuid.js';
import type { CommandEnvelope, CommandResult } from '../ledger/command-handler.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ledger/event-store.port.js';
import { CaseIntake, type CaseIntakeInput } from '../cases/case-intake.js';
import type { ReceiveCaseCommand } from '../cases/case.decider.js';
import type { CaseCategory, CaseReporter } from '../cases/case.events.js';
import { visitStream } from './visit.events.js';
import { findingOpensCase } from './finding-opens-case.js';
import { findingConcernsCase } from './finding-concerns-case.js';
import { caseDecider } from '../cases/case.decider.js';
import { caseStream } from '../cases/case.events.js';
import { foldStream } from '../ledger/command-handler.js';
import type { ConcernedCase } from './visit.decider.js';

/** What a finding asks for when it opens a case. */
export interface OpenCaseRequest {
  readonly category: CaseCategory;
  readonly summary: string;
  readonly reporter?: CaseReporter;
  readonly unitId?: string;
}

/** The case a finding will open, its id fixed before anything is written. */
export type PlannedCase = CaseIntakeInput & { readonly caseId: string; readonly unitId: string; readonly sourceVisitId: string };

/**
 * The cases that visit findings open, through the cases feature's one intake. The case id is derived
 * from the visit and the finding, so however often the finding is repeated, it names and opens the
 * same single case. The finding's event carries the case's receipt; the case is then recorded from
 * it (findingOpensCase), by the request and, should the request be cut off, by the process manager.
 */
@Injectable()
export class VisitFindingCases {
  constructor(
    private readonly intake: CaseIntake,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  static caseIdFor(visitId: string, findingId: string): string {
    return deterministicUuid(`case\nvisit-finding\n${visitId}\n${findingId}`);
  }

  plan(visitId: string, findingId: string, request: OpenCaseRequest, visitUnitId: string): PlannedCase {
    return {
      caseId: VisitFindingCases.caseIdFor(visitId, findingId),
      unitId: request.unitId ?? visitUnitId,
      category: request.category,
      channel: 'visit',
      summary: request.summary,
      ...(request.reporter ? { reporter: request.reporter } : {}),
      sourceVisitId: visitId,
    };
  }

  /** The receipt to record with the finding: limits checked, units looked up, reporter sealed. */
  prepare(planned: PlannedCase, envelope: CommandEnvelope): Promise<ReceiveCaseCommand> {
    return this.intake.prepare(planned, envelope);
  }

  /** An existing case a finding names, as the ledger knows it now, and the unit it is at (null: none). */
  async concerned(caseId: string): Promise<{ reference: ConcernedCase; unitId: string | null }> {
    const state = foldStream(caseDecider, await this.store.readStream(caseStream(caseId)));
    if (state.status === 'unreceived') return { reference: { caseId, received: false, lastOccurredAt: null }, unitId: null };
    return { reference: { caseId, received: true, lastOccurredAt: state.lastOccurredAt }, unitId: state.currentUnitId };
  }

  /**
   * Records the case the finding opened, or the link into the existing case it concerns (or finds it
   * recorded), once the finding is: the last event of the command. `result` is the finding command's;
   * on a faithful repeat it wrote nothing, and the finding is read from the visit.
   */
  async complete(visitId: string, findingId: string, result: CommandResult<unknown>): Promise<RecordedEvent | null> {
    const isTheFinding = (event: RecordedEvent) => event.type === 'VisitFindingRecorded' && event.data.findingId === findingId;
    const first = result.events.find(isTheFinding) ?? (await this.store.readStream(visitStream(visitId))).find(isTheFinding);
    if (!first) return null;
    const step = [findingOpensCase, findingConcernsCase].find((candidate) => candidate.calledFor(first) !== null);
    return step ? step.write(this.store, first) : null;
  }
}
