/**
 * Vietnamese text as search compares it: decomposed (NFD), combining marks dropped, đ/Đ read as d
 * (đ is a letter of its own, not d with a mark, so NFD leaves it), lower case. "Phạm Quang Hưởng"
 * becomes "pham quang huong", so a search typed without diacritics, or with others, still matches;
 * the original text is kept beside the folded one for display.
 */
export function foldedText(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const one = code < FOLDED_BY_CHARACTER.length ? FOLDED_BY_CHARACTER[code] : null;
    if (one === null) return foldedTextOfAnyScript(text);
    folded += one;
  }
  return folded;
}

/** The definition itself, for any text: normalize, a regular expression and toLowerCase are five times the table's cost. */
export function foldedTextOfAnyScript(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/**
 * Each character's folding, for the Latin letters (Vietnamese among them, precomposed or not) and the
 * combining marks: there, folding a text one character at a time gives what folding it whole does
 * (decomposition is by character, the reordering of marks NFD does cannot matter once the marks are
 * dropped, and lower-casing these letters depends on no context, as Greek's final sigma does). A text
 * with any other character is folded by the definition; null marks those characters.
 */
const FOLDED_BY_CHARACTER: readonly (string | null)[] = Array.from({ length: 0x1f00 }, (_, code) =>
  code < 0x250 || (code >= 0x300 && code < 0x370) || code >= 0x1e00 ? foldedTextOfAnyScript(String.fromCharCode(code)) : null,
);

/** Words of a search, folded: letters and digits, at most 16 of at most 64 characters each. */
export function searchWords(query: string): string[] {
  return (foldedText(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((word) => word.slice(0, 64));
}
