/**
 * Vietnamese text as search compares it: decomposed (NFD), combining marks dropped, đ/Đ read as d
 * (đ is a letter of its own, not d with a mark, so NFD leaves it), lower case. "Phạm Quang Hưởng"
 * becomes "pham quang huong", so a search typed without diacritics, or with others, still matches;
 * the original text is kept beside the folded one for display.
 */
export function foldedText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Words of a search, folded: letters and digits, at most 16 of at most 64 characters each. */
export function searchWords(query: string): string[] {
  return (foldedText(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((word) => word.slice(0, 64));
}
