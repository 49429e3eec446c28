import type { Messages } from './messages.vi';

/**
 * The API's per-field validation sentences (class-validator's English, "<field> must be ...") as the
 * console's own sentences, so a refused field is explained in the user's language next to it. A
 * sentence not recognised here is shown as the API wrote it.
 */
const PATTERNS: readonly [RegExp, (m: Messages, match: RegExpExecArray) => string][] = [
  [/must be longer than or equal to (\d+) characters/, (m, match) => m.validation.tooShort(Number(match[1]))],
  [/must be shorter than or equal to (\d+) characters/, (m, match) => m.validation.tooLong(Number(match[1]))],
  [/should not be empty|must be a string/, (m) => m.validation.required],
  [/must be one of the following values/, (m) => m.validation.oneOf],
  [/ISO-8601 date-time with an offset/, (m) => m.validation.dateTime],
  [/lower-case letters, digits or "-"|letters, digits or "-"/, (m) => m.validation.idFormat],
  [/must be an email/, (m) => m.validation.email],
  [/digits, spaces, "\+"/, (m) => m.validation.phone],
  [/elements must be unique|must contain at least|must contain no more than|must be an array/, (m) => m.validation.list],
];

export function fieldMessage(m: Messages, serverMessage: string): string {
  for (const [pattern, sentence] of PATTERNS) {
    const match = pattern.exec(serverMessage);
    if (match) return sentence(m, match);
  }
  return serverMessage;
}
