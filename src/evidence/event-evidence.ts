import { ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { aggregateOf } from '../audit/audit-trail.projection.js';
import { decideAccess, grantedEverywhere, type ResourceScope } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ResourceScopes } from '../auth/resource-scopes.js';
import { caseDecider } from '../cases/case.decider.js';
import type { CaseCategory } from '../cases/case.events.js';
import { caseStream } from '../cases/case.events.js';
import { reporterInHistory } from '../cases/history/case-history-reporter.js';
import { replayCase } from '../cases/history/case-history.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { eventLink } from '../http/event-links.js';
import { IntegrityLog, type InclusionProofView } from '../integrity/integrity-log.js';
import type { LoggedLeaf } from '../integrity/log/merkle-log.js';
import { foldStream } from '../ledger/command-handler.js';
import { EVENT_STORE, type EventStore, type JsonObject, type RecordedEvent } from '../ledger/event-store.port.js';
import { ReporterDisclosure, type ReadContext } from '../personal-data/reporter-disclosure.js';
import { reporterSubjectId } from '../personal-data/sealed-personal-data.js';
import { aggregateReadOf, type AggregateRead } from './aggregate-read-permission.js';
import type { EventEvidenceView } from './event-evidence.view.js';

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long a request waits for the Merkle log to take in an event recorded a moment ago. */
const LOG_CATCH_UP_MS = 2_000;

/**
 * One event as evidence: its leaf found by its id (IntegrityLog.leafOfEvent: the store's own index of
 * event ids where it has one, else the log's), read from the store at the leaf's place, shown only to
 * whom may read what it belongs to, its data disclosed as the case reads disclose it, with its
 * inclusion proof against the latest signed checkpoint.
 */
@Injectable()
export class EventEvidence {
  constructor(
    private readonly integrity: IntegrityLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: ResourceScopes,
    private readonly disclosure: ReporterDisclosure,
  ) {}

  async of(eventId: string, reader: ReadContext): Promise<EventEvidenceView> {
    if (!EVENT_ID.test(eventId))
      throw new DomainError('EVENT.ID_INVALID', 'An event id is a lower-case UUID (8-4-4-4-12 hexadecimal digits).', 'invalid');
    const leaf = await this.leafOf(eventId);
    const event = await this.eventAt(leaf);
    const { category, id } = aggregateOf(event.streamId);
    // The case's stream is read once, and only when its scope or its reporter's category is needed.
    let caseEvents: Promise<RecordedEvent[]> | undefined;
    const ofCase = category === 'case' ? () => (caseEvents ??= this.store.readStream(event.streamId)) : undefined;
    await this.assertMayRead(reader.principal, aggregateReadOf(category), id, ofCase);
    const { data, withheld } = await this.disclosed(event, category, id, ofCase, reader);
    const inclusion = this.inclusionOf(leaf);
    return {
      eventId: event.eventId,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      globalPosition: event.globalPosition,
      recordedAt: event.recordedAt,
      envelope: { eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data, metadata: event.metadata },
      withheldFields: withheld,
      previousHash: event.previousHash,
      hash: event.hash,
      inclusion,
      inclusionPending:
        inclusion === null
          ? 'No signed checkpoint covers this event yet: ask again after the next checkpoint (POST /api/v1/integrity/checkpoints).'
          : null,
      links: { self: eventLink(event.eventId) },
    };
  }

  /** Its leaf; an event recorded a moment ago is given the time the log needs to take it in. */
  private async leafOf(eventId: string): Promise<LoggedLeaf> {
    const logged = await this.integrity.leafOfEvent(eventId);
    if (logged) return logged;
    const head = await this.store.headPosition();
    const caughtUp = await this.integrity.follower.waitFor(head, LOG_CATCH_UP_MS);
    const late = await this.integrity.leafOfEvent(eventId);
    if (late) return late;
    if (!caughtUp)
      throw new ServiceUnavailableException({
        code: 'INTEGRITY.LOG_BEHIND',
        message: `The Merkle log has not caught up with the ledger within ${LOG_CATCH_UP_MS / 1000} s, so event ${eventId} cannot be looked up yet; try again.`,
      });
    throw new DomainError('EVENT.NOT_FOUND', `No event ${eventId} is recorded in the ledger.`, 'not-found', { eventId });
  }

  /** The event at the leaf: the first after the previous leaf's position, which is exact for every store kind. */
  private async eventAt(leaf: LoggedLeaf): Promise<RecordedEvent> {
    const after = leaf.leafIndex === 0 ? 0 : (this.integrity.log.leafAt(leaf.leafIndex - 1)?.globalPosition ?? leaf.globalPosition - 1);
    for await (const batch of this.store.readAll({ after, batchSize: 1 })) {
      const event = batch[0];
      if (event?.eventId === leaf.eventId) return event;
      break;
    }
    throw new Error(
      `The Merkle log places event ${leaf.eventId} at global position ${leaf.globalPosition}, but the store has no such event there`,
    );
  }

  private async assertMayRead(
    principal: Principal,
    read: AggregateRead,
    aggregateId: string,
    caseEvents: (() => Promise<RecordedEvent[]>) | undefined,
  ): Promise<void> {
    let scope: ResourceScope | undefined;
    if (read.scopedBy && !grantedEverywhere(principal, read.permission))
      scope = caseEvents
        ? await this.scopes.caseScope(foldStream(caseDecider, await caseEvents()))
        : await this.scopes.aggregateScope(read.scopedBy, aggregateId);
    const decision = decideAccess(principal, read.permission, scope, scope ? await this.scopes.servedUnits(principal) : []);
    if (!decision.allowed) throw new ForbiddenException({ code: decision.code, message: decision.message, details: decision.details });
  }

  /**
   * The data as this reader may see it. A reporter is shown by the case reads' rule (ReporterDisclosure:
   * plaintext only to the roles that may see it, the read recorded first); it is carried by a case's
   * receipt, and by the visit finding that opened a case. `withheld` names the fields not shown as
   * recorded: the hash is over the recorded form, so with any of them the hash cannot be recomputed here.
   */
  private async disclosed(
    event: RecordedEvent,
    category: string,
    aggregateId: string,
    caseEvents: (() => Promise<RecordedEvent[]>) | undefined,
    reader: ReadContext,
  ): Promise<{ data: JsonObject; withheld: string[] }> {
    const data = event.data;
    if (category === 'case' && caseEvents && isPresent(data.reporter)) {
      const reporter = await this.reporterShown(data.reporter, aggregateId, await caseEvents(), null, reader);
      return { data: { ...data, reporter }, withheld: ['reporter'] };
    }
    const receipt = data.caseReceipt;
    if (category === 'visit' && typeof data.caseId === 'string' && isObject(receipt) && isPresent(receipt.reporter)) {
      const caseId = data.caseId;
      const events = await this.store.readStream(caseStream(caseId));
      const mayReadCase = decideAccess(
        reader.principal,
        'cases.read',
        await this.scopes.caseScope(foldStream(caseDecider, events)),
        await this.scopes.servedUnits(reader.principal),
      ).allowed;
      const reporter = mayReadCase
        ? await this.reporterShown(receipt.reporter, caseId, events, receipt.category as CaseCategory, reader)
        : { redacted: true, reason: 'role', subjectId: subjectOf(receipt.reporter, caseId) };
      return { data: { ...data, caseReceipt: { ...receipt, reporter } }, withheld: ['caseReceipt.reporter'] };
    }
    return { data, withheld: [] };
  }

  private async reporterShown(
    recorded: unknown,
    caseId: string,
    caseEvents: readonly RecordedEvent[],
    categoryIfUnreceived: CaseCategory | null,
    reader: ReadContext,
  ): Promise<JsonObject> {
    const { category } = reporterInHistory(replayCase(caseId, caseEvents, { by: 'everything' }));
    // Unknown category (the case's receipt is not recorded): shown as to a denunciation, the strictest rule.
    const shown = await this.disclosure.show(recorded, caseId, category ?? categoryIfUnreceived ?? 'denunciation', reader);
    return shown as unknown as JsonObject;
  }

  private inclusionOf(leaf: LoggedLeaf): InclusionProofView | null {
    const latest = this.integrity.log.latestCheckpoint();
    if (!latest || leaf.leafIndex >= latest.treeSize) return null;
    return this.integrity.inclusionProofOf(leaf, latest.treeSize);
  }
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function subjectOf(recorded: unknown, caseId: string): string {
  return isObject(recorded) && typeof recorded.subjectId === 'string' ? recorded.subjectId : reporterSubjectId(caseId);
}
