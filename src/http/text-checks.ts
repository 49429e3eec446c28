import type { FieldError } from './error-body.js';

const BYTE = { quote: 0x22, backslash: 0x5c, openBrace: 0x7b, closeBrace: 0x7d, openBracket: 0x5b, closeBracket: 0x5d } as const;

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, found by one pass over its bytes
 * before anything parses it, so a hostile body never becomes a deep object for a recursive walker
 * (validation, canonical JSON) to overflow the stack on. Brackets inside strings do not count; the
 * bytes of a multi-byte UTF-8 character are all >= 0x80, so they never look like a quote or a bracket.
 */
export function nestsDeeperThan(json: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of json) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BYTE.backslash) escaped = true;
      else if (byte === BYTE.quote) inString = false;
    } else if (byte === BYTE.quote) inString = true;
    else if (byte === BYTE.openBrace || byte === BYTE.openBracket) {
      if (++depth > max) return true;
    } else if (byte === BYTE.closeBrace || byte === BYTE.closeBracket) depth--;
  }
  return false;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are well-formed UTF-8 (a decoder that refuses, rather than one that puts U+FFFD in). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether every percent-encoded name and value of an application/x-www-form-urlencoded body decodes to
 * well-formed UTF-8. Node's own decoder would put U+FFFD in place of a bad sequence; decodeURIComponent refuses it.
 */
export function formDecodesAsUtf8(body: string): boolean {
  for (const pair of body.split('&')) {
    for (const part of pair.split('=')) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return false;
      }
    }
  }
  return true;
}

/**
 * Where a parsed body holds a string (a value or a key) that is not well-formed UTF-16, such as a lone
 * surrogate ("\udfff" in JSON). Such text cannot be stored as UTF-8 without being altered, and
 * encodeURI (which validators use to count bytes) throws on it, so it is refused at the door.
 */
export function illFormedTextIn(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [illFormed(path || 'body')];
  if (typeof value !== 'object' || value === null) return [];
  const found: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!key.isWellFormed()) found.push(illFormed(field));
    found.push(...illFormedTextIn(child, field));
  }
  return found;
}

function illFormed(field: string): FieldError {
  return { field, messages: [`${field} must be well-formed Unicode text (a lone surrogate such as \\udfff is not)`] };
}
