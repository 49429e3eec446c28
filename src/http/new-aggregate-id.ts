import { deterministicUuid } from '../ledger/deterministic-uuid.js';
import type { CommandEnvelope } from '../ledger/command-handler.js';

/** A new aggregate's id: derived from the Idempotency-Key when there is one, so a repeat creates nothing new. */
export function newAggregateId(envelope: CommandEnvelope, category: string, random: () => string): string {
  return envelope.idempotency ? deterministicUuid(`${category}\n${envelope.actor}\n${envelope.idempotency.key}`) : random();
}
