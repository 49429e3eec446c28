import type { JsonObject, JsonValue } from './json.js';
import type { DomainEvent, Fact } from './decider.js';
import { DomainError } from './domain-error.js';

/**
 * Nothing is edited: a mistake is fixed by an EventCorrected event in the same stream that names the
 * event it corrects, says why, and carries the replacement values of some of its fields. Every fold
 * reads the corrected event with those values; both events stay in the audit trail.
 */
export const EVENT_CORRECTED = 'EventCorrected';

export type EventCorrected = DomainEvent<typeof EVENT_CORRECTED, { correctedEventId: string; reason: string; fields: JsonObject }>;

/** Per event type, the fields a correction may replace, each with a check of its new value. */
export type CorrectableFields = Readonly<Record<string, Readonly<Record<string, (value: JsonValue) => boolean>>>>;

export interface CorrectEvent {
  readonly eventId: string;
  readonly reason: string;
  readonly fields: JsonObject;
}

/**
 * The facts of a stream with every correction applied to the event it names (latest wins). Whatever
 * else a fact carries (a recording time, a position) is kept.
 */
export function withCorrections<F extends Fact<DomainEvent>>(facts: readonly F[]): F[] {
  const replacements = new Map<string, JsonObject>();
  for (const fact of facts) {
    if (fact.type !== EVENT_CORRECTED) continue;
    const { correctedEventId, fields } = fact.data as EventCorrected['data'];
    replacements.set(correctedEventId, { ...replacements.get(correctedEventId), ...fields });
  }
  if (replacements.size === 0) return [...facts];
  return facts.map((fact) => {
    const fields = replacements.get(fact.eventId);
    // The same event with some fields replaced by values its aggregate checked (decideCorrection).
    return fields ? ({ ...fact, data: { ...fact.data, ...fields } } as F) : fact;
  });
}

/** Guards of a correction: the event exists in this stream, and every field is correctable and valid. */
export function decideCorrection(
  facts: readonly Fact<DomainEvent>[],
  command: CorrectEvent,
  correctable: CorrectableFields,
): EventCorrected[] {
  const target = facts.find((fact) => fact.eventId === command.eventId);
  if (!target) throw new DomainError('CORRECTION.UNKNOWN_EVENT', `Event ${command.eventId} is not part of this record.`, 'not-found');
  if (target.type === EVENT_CORRECTED)
    throw new DomainError('CORRECTION.OF_CORRECTION', 'Correct the original event, not a correction.', 'invalid');
  const rules = correctable[target.type];
  if (!rules)
    throw new DomainError(
      'CORRECTION.NOT_CORRECTABLE',
      `A ${target.type} event cannot be corrected; record the fact that followed instead.`,
      'invalid',
    );
  const names = Object.keys(command.fields);
  if (names.length === 0) throw new DomainError('CORRECTION.EMPTY', 'A correction must replace at least one field.', 'invalid');
  for (const name of names) {
    const check = rules[name];
    if (!check)
      throw new DomainError(
        'CORRECTION.FIELD_NOT_CORRECTABLE',
        `Field ${name} of ${target.type} cannot be corrected; correctable: ${Object.keys(rules).join(', ')}.`,
        'invalid',
      );
    if (!check(command.fields[name]))
      throw new DomainError('CORRECTION.INVALID_VALUE', `The new value of ${name} is not valid for ${target.type}.`, 'invalid');
  }
  return [{ type: EVENT_CORRECTED, data: { correctedEventId: command.eventId, reason: command.reason, fields: command.fields } }];
}
