import { InvalidEventError } from './ledger.errors.js';

/**
 * Canonical JSON, as RFC 8785 (JCS) defines it for the values the ledger stores: object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers serialised as ECMAScript's JSON.stringify
 * does. Anything JSON cannot represent exactly (undefined, functions, NaN, Infinity, bigint, -0 is
 * written as 0 by JCS too) is refused rather than silently dropped, so a hash never covers a value
 * different from the one stored.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventError(`${path} is ${value}, which JSON cannot represent`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
      if (!isPlainObject(value)) throw new InvalidEventError(`${path} is not a plain JSON object`);
      return `{${Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined || fail(`${path}.${key} is undefined`))
        .sort()
        .map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`)}`)
        .join(',')}}`;
    default:
      throw new InvalidEventError(`${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function fail(message: string): never {
  throw new InvalidEventError(message);
}
