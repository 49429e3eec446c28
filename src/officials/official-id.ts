/** An official's id: chosen by the recorder (e.g. "nguyen-van-a") or a generated UUID. Other features reuse it. */
export const OFFICIAL_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const OFFICIAL_ID_MESSAGE = '$property must be 1-80 lower-case letters, digits or "-"';

export function isOfficialId(value: unknown): value is string {
  return typeof value === 'string' && OFFICIAL_ID.test(value);
}
