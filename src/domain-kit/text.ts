/** The longest text each kind of field takes, in characters: one table, so that the DTOs and deciders agree. */
export const TEXT_LIMITS = {
  /** A person's name, a position. */
  name: 200,
  place: 300,
  purpose: 500,
  /** A reason, a note, a classification's grounds. */
  reason: 2000,
  /** A summary, a description, an outcome, a finding. */
  description: 4000,
} as const;

/** Text a person wrote: a string, not blank, at most `max` characters. */
export function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

/** isText as a field rule (the correction tables of the deciders): `textUpTo(TEXT_LIMITS.reason)`. */
export function textUpTo(max: number): (value: unknown) => value is string {
  return (value): value is string => isText(value, max);
}
