import { Injectable } from '@nestjs/common';
import { DomainError } from '../domain-kit/domain-error.js';
import { deterministicUuid } from '../ledger/deterministic-uuid.js';
import type { CommandEnvelope } from '../ledger/command-handler.js';
import { CaseIntake, type CaseIntakeInput } from '../cases/case-intake.js';
import type { CaseCategory, CaseReporter } from '../cases/case.events.js';

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
 * Opens the cases that visit findings give rise to, through the cases feature's one intake. The case
 * id is derived from the visit and the finding, so however often the finding is repeated, it names
 * and opens the same single case.
 */
@Injectable()
export class VisitFindingCases {
  constructor(private readonly intake: CaseIntake) {}

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

  /** Receives the case; one that is already there was opened by an earlier attempt of the same finding. */
  async open(planned: PlannedCase, envelope: CommandEnvelope): Promise<void> {
    try {
      await this.intake.receive(planned, envelope);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CASE.ALREADY_RECEIVED') return;
      throw error;
    }
  }
}
