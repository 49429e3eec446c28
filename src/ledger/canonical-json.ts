import { InvalidEventError } from './ledger.errors.js';

/**
 * Canonical JSON, as RFC 8785 (JCS) defines it for the values the ledger stores: object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers serialised as ECMAScript's JSON.stringify
 * does. Anything JSON cannot represent exactly (undefined, functions, NaN, Infinity, bigint, class
 * instances such as Date) is refused rather than silently dropped, so a hash never covers a value
 * different from the one stored.
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (error) {
    if (error instanceof NotJson) throw new InvalidEventError(`${locate(value, '$') ?? '$'} is not representable in JSON`);
    throw error;
  }
}

class NotJson extends Error {}

/** The hot path: no path bookkeeping; where a value went wrong is worked out only when it did. */
function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson();
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + write(value[index]);
        return out + ']';
      }
      if (!isPlainObject(value)) throw new NotJson();
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let index = 0; index < keys.length; index++) {
        const item = record[keys[index]];
        if (item === undefined) throw new NotJson();
        out += (index === 0 ? '' : ',') + JSON.stringify(keys[index]) + ':' + write(item);
      }
      return out + '}';
    }
    default:
      throw new NotJson();
  }
}

/** The path of the first value JSON cannot hold, with what it is, for the error message. */
function locate(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} (${value})`;
  if (typeof value !== 'object') return `${path} (a ${typeof value})`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = locate(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return `${path} (a ${value.constructor?.name ?? 'non-plain'} object)`;
  for (const [key, item] of Object.entries(value)) {
    const found = item === undefined ? `${path}.${key} (undefined)` : locate(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
