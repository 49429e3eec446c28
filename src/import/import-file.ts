import { parse } from 'csv-parse';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';

export type ImportFormat = 'csv' | 'jsonl';

/** One row of an import file: its fields, or why they could not be read; line is 1-based. */
export type ImportRow =
  { readonly line: number; readonly fields: Readonly<Record<string, unknown>> } | { readonly line: number; readonly unreadable: string };

export interface ImportFile {
  /** The file's name (not its folder), as the events' metadata names it. */
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly format: ImportFormat;
  readonly rows: readonly ImportRow[];
}

/** A file that cannot be read as a whole (not CSV, a quote never closed): nothing of it is imported. */
export class UnreadableImportFileError extends Error {}

/** CSV cells holding lists of ids, separated by ";". */
const LIST_COLUMNS = new Set(['participants', 'presentParticipants', 'attendees']);
const BOOLEAN_COLUMNS = new Set(['publishedInCalendar', 'remote']);
const NUMBER_COLUMNS = new Set(['location.lat', 'location.long']);

export function formatOf(path: string, given?: string): ImportFormat {
  const format = given ?? { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }[extname(path).toLowerCase()];
  if (format === 'csv' || format === 'jsonl') return format;
  throw new UnreadableImportFileError(
    given === undefined
      ? `Cannot tell the format of ${basename(path)}: name it .csv, .jsonl or .ndjson, or pass --format csv|jsonl.`
      : `Unknown format "${given}": csv or jsonl.`,
  );
}

/** Reads the whole file (its rows are all checked before anything is written) and its SHA-256. */
export async function readImportFile(
  path: string,
  format: ImportFormat,
  onBytes?: (done: number, total: number) => void,
): Promise<ImportFile> {
  const { size } = await stat(path);
  const sha256 = await digestOf(path);
  const rows = format === 'csv' ? await csvRows(path, size, onBytes) : await jsonLinesRows(path, size, onBytes);
  return { name: basename(path), sha256, bytes: size, format, rows };
}

async function digestOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function jsonLinesRows(path: string, total: number, onBytes?: (done: number, total: number) => void): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const input = createReadStream(path, { encoding: 'utf8' });
  let line = 0;
  let done = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    done += Buffer.byteLength(text) + 1;
    onBytes?.(Math.min(done, total), total);
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      rows.push({ line, unreadable: `not JSON (${(error as Error).message})` });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) rows.push({ line, unreadable: 'not a JSON object' });
    else rows.push({ line, fields: value as Record<string, unknown> });
  }
  return rows;
}

async function csvRows(path: string, total: number, onBytes?: (done: number, total: number) => void): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const parser = createReadStream(path).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      onBytes?.(Math.min(info.bytes, total), total);
      if (!header) {
        header = record;
        const duplicate = header.find((name, index) => header!.indexOf(name) !== index);
        if (duplicate !== undefined) throw new UnreadableImportFileError(`The header names the column "${duplicate}" twice.`);
        if (!header.includes('command')) throw new UnreadableImportFileError('The header (the first line) has no "command" column.');
        continue;
      }
      if (record.length !== header.length) {
        rows.push({ line: info.lines, unreadable: `${record.length} cells, but the header names ${header.length} columns` });
        continue;
      }
      rows.push({ line: info.lines, fields: fieldsOf(header, record) });
    }
  } catch (error) {
    if (error instanceof UnreadableImportFileError) throw error;
    throw new UnreadableImportFileError(`The file cannot be read as CSV: ${(error as Error).message}`);
  }
  return rows;
}

/** Empty cells are absent fields; "a.b" columns nest ({a: {b}}); lists, booleans and numbers as their columns say. */
function fieldsOf(header: readonly string[], record: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  header.forEach((column, index) => {
    const cell = record[index];
    if (cell === '') return;
    const value = LIST_COLUMNS.has(column)
      ? cell
          .split(';')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : BOOLEAN_COLUMNS.has(column)
        ? cell === 'true'
          ? true
          : cell === 'false'
            ? false
            : cell
        : NUMBER_COLUMNS.has(column) && cell.trim() !== '' && Number.isFinite(Number(cell))
          ? Number(cell)
          : cell;
    const path = column.split('.');
    let target = fields;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = value;
  });
  return fields;
}
