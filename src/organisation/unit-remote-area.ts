/**
 * Remote or difficult areas (vùng sâu, vùng xa, đi lại khó khăn): the laws on complaints and
 * denunciations give a unit in such an area longer time limits, and a unit is listed as one, or taken
 * off the list, by a decision effective from a day. Like the tree of the day (unit-parents.ts), "was
 * this unit remote" is a question about a day: a case keeps the limits of the day it was received.
 */

/** A designation (remote true) or its lifting (false), effective from the day `from` on (inclusive). */
export interface RemoteAreaChange {
  readonly remote: boolean;
  readonly from: string;
  readonly legalBasis: string;
  readonly eventId: string;
}

/** Whether the unit was a remote area on the day: the latest change effective by then; never remote before the first. */
export function remoteAreaOn(changes: readonly RemoteAreaChange[] | undefined, day: string): boolean {
  let remote = false;
  for (const change of changes ?? []) if (change.from <= day) remote = change.remote;
  return remote;
}
