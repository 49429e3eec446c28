import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { principalOf, type Principal } from '../auth/principal.js';
import type { CaseCategory, CaseReporter } from '../cases/case.events.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import { correlationIdOf } from '../http/command-request.js';
import { EVENT_STORE, type EventStore, type JsonObject } from '../ledger/event-store.port.js';
import { subjectStream, type PersonalDataRead } from './personal-data.events.js';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from './personal-data-vault.js';
import { mayReadReporter } from './reporter-visibility.js';
import { caseReporterContext, isSealedPersonalData, reporterSubjectId } from './sealed-personal-data.js';

/**
 * role: the reader may not see it; erased: nobody can any more; unreadable: the key is missing or the
 * bytes do not authenticate; omitted: a command's answer, which never carries personal data (read the case for it).
 */
export type RedactionReason = 'role' | 'erased' | 'unreadable' | 'omitted';
export type RedactedReporter = { readonly redacted: true; readonly reason: RedactionReason; readonly subjectId: string };
/** null: the report gave no personal data. */
export type ShownReporter = null | RedactedReporter | ({ readonly subjectId: string } & CaseReporter);

/** Who reads, through which route, in which correlation: what a read of personal data is recorded with. */
export interface ReadContext {
  readonly principal: Principal;
  readonly route: string;
  readonly correlationId: string;
}

export function readContextOf(request: Request): ReadContext {
  const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
  return { principal: principalOf(request), route: `${request.method} ${route}`, correlationId: correlationIdOf(request) };
}

/**
 * Turns the reporter a case carries (sealed; or plaintext in events recorded before encryption) into
 * what this reader may see. Plaintext goes out only after its read is recorded in the ledger
 * (PersonalDataRead on the subject's stream): if recording fails, the request fails, revealing nothing.
 */
@Injectable()
export class ReporterDisclosure {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async show(recorded: unknown, caseId: string, category: CaseCategory, reader: ReadContext): Promise<ShownReporter> {
    if (isSealedPersonalData(recorded)) {
      const { subjectId } = recorded;
      if ((await this.vault.erasedAt(subjectId)) !== null) return redacted('erased', subjectId);
      if (!mayReadReporter(reader.principal, category)) return redacted('role', subjectId);
      const unsealed = await this.vault.open(recorded, caseReporterContext(caseId));
      if (unsealed.status === 'erased') return redacted('erased', subjectId);
      if (unsealed.status === 'unreadable') return redacted('unreadable', subjectId);
      await this.recordRead(subjectId, caseId, reader);
      return { subjectId, ...(unsealed.value as CaseReporter) };
    }
    const plain = plainReporterOf(recorded);
    if (plain === null) return null;
    // Recorded before personal data was encrypted: shown by the same rule, read recorded alike; it cannot be erased.
    const subjectId = reporterSubjectId(caseId);
    if (!mayReadReporter(reader.principal, category)) return redacted('role', subjectId);
    await this.recordRead(subjectId, caseId, reader);
    return { subjectId, ...plain };
  }

  /** A case view (caseView) with its reporter as this reader may see it. */
  async inCaseView(view: Record<string, unknown>, reader: ReadContext): Promise<Record<string, unknown>> {
    if (!('reporter' in view) || typeof view.caseId !== 'string') return view;
    return { ...view, reporter: await this.show(view.reporter, view.caseId, view.category as CaseCategory, reader) };
  }

  /**
   * A command's answer (caseView) with its reporter omitted: acting on a case is not reading its
   * reporter, and a repeated command must not write anything, not even a read. GET the case to read it.
   */
  omittedInCaseView(view: Record<string, unknown>): Record<string, unknown> {
    if (!('reporter' in view) || typeof view.caseId !== 'string') return view;
    const recorded = view.reporter;
    if (isSealedPersonalData(recorded)) return { ...view, reporter: redacted('omitted', recorded.subjectId) };
    return { ...view, reporter: plainReporterOf(recorded) === null ? null : redacted('omitted', reporterSubjectId(view.caseId)) };
  }

  private async recordRead(subjectId: string, caseId: string, reader: ReadContext): Promise<void> {
    const data: PersonalDataRead['data'] = {
      subjectId,
      reader: reader.principal.subject,
      roles: [...reader.principal.roles],
      route: reader.route,
      correlationId: reader.correlationId,
      caseId,
    };
    const now = this.clock.now().toISOString();
    await this.store.append(
      subjectStream(subjectId),
      [
        {
          eventId: randomUUID(),
          type: 'PersonalDataRead',
          schemaVersion: 1,
          data,
          metadata: { actor: reader.principal.subject, correlationId: reader.correlationId, causationId: null, occurredAt: now },
        },
      ],
      'any',
    );
  }
}

/** Which representation of the reporter a view carries, for its ETag: none, plaintext, or redacted and why. */
export function disclosureVariant(shown: unknown): string {
  if (shown === null || shown === undefined) return 'none';
  if (typeof shown === 'object' && (shown as { redacted?: unknown }).redacted === true)
    return `redacted-${(shown as RedactedReporter).reason}`;
  return 'plain';
}

function redacted(reason: RedactionReason, subjectId: string): RedactedReporter {
  return { redacted: true, reason, subjectId };
}

const REPORTER_FIELDS = ['name', 'phone', 'email', 'address', 'identityNumber'] as const;

function plainReporterOf(recorded: unknown): CaseReporter | null {
  if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) return null;
  const given: CaseReporter = {};
  for (const field of REPORTER_FIELDS) {
    const value = (recorded as JsonObject)[field];
    if (typeof value === 'string') given[field] = value;
  }
  return Object.keys(given).length > 0 ? given : null;
}
