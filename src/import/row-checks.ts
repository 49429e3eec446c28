import { BadRequestException, type ValidationPipe } from '@nestjs/common';
import { hash } from 'node:crypto';
import { DomainError } from '../domain-kit/domain-error.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { AGGREGATES, ID_FIELDS, IMPORT_COMMANDS, type ImportCommandSpec } from './import-commands.js';
import { importedEventId, type DerivedId, type ImportedIds } from './import-ids.js';

/**
 * A row as far as it can be checked without the ledger: its command, the ledger ids of the record it
 * is about, its request body as the API's DTO and validation pipe return it, and the id its first event
 * would have. Only plain data, so that another thread can check rows while this one decides others.
 */
export interface CheckedRow {
  readonly command: string;
  /** The row's own id of the record it is about (the previous system's id). */
  readonly targetSource: string;
  readonly targetId: string;
  /** The ledger ids of the row's other ids that are not part of the request body (assignmentId, findingId). */
  readonly extraIds: Readonly<Record<string, string>>;
  readonly occurredAt: string;
  /** The request body as the validation pipe returned it. */
  readonly request: unknown;
  /** The row's rowId when it has one (the source's id of that step), else a hash of its whole content. */
  readonly identity: string;
  /** The id of the first event the row writes to its stream: the ledger holds it when the row was imported before. */
  readonly firstEventId: string;
}

/** What checking a row gave, with the ids checking it derived, in the order it derived them. */
export type RowAnswer =
  | { readonly checked: CheckedRow; readonly derived: readonly DerivedId[] }
  | { readonly refused: { readonly code: string; readonly message: string }; readonly derived: readonly DerivedId[] };

const SOURCE_ID_MAX = 200;
/** Fields of a row that are not part of the command's request body. */
const ROW_FIELDS = new Set(['command', 'rowId']);

/** The command a row names, or the refusal of a row that names none the import knows. */
export function specOf(command: unknown): ImportCommandSpec {
  const spec = typeof command === 'string' && Object.hasOwn(IMPORT_COMMANDS, command) ? IMPORT_COMMANDS[command] : undefined;
  if (spec) return spec;
  throw new DomainError(
    'IMPORT.UNKNOWN_COMMAND',
    `${command === undefined ? 'The row names no command' : `There is no command ${JSON.stringify(command)}`}; one of ${Object.keys(IMPORT_COMMANDS).join(', ')}.`,
    'invalid',
  );
}

/**
 * Checks a row as the API checks a request, in the order a refusal is reported: the command, the ids
 * it is about, when it happened, then the body against the command's DTO. Throws the DomainError of
 * the first check that fails.
 */
export async function checkRow(
  fields: Readonly<Record<string, unknown>>,
  ids: ImportedIds,
  validation: ValidationPipe,
): Promise<CheckedRow> {
  const command = fields.command;
  const spec = specOf(command);
  const targetSource = sourceId(fields, spec.target);
  const targetId = ids.id(spec.aggregate, targetSource);
  const extraIds: Record<string, string> = {};
  for (const [field, kind] of Object.entries(spec.extraIds ?? {})) {
    extraIds[field] = ids.id(kind, `${targetSource}\n${sourceId(fields, field)}`);
  }
  const body = requestBody(fields, spec, targetId, ids);
  const occurredAt = spec.occurredAtField === undefined ? fields.occurredAt : fields[spec.occurredAtField];
  if (occurredAt === undefined) {
    const field = spec.occurredAtField ?? 'occurredAt';
    throw new DomainError('IMPORT.OCCURRED_AT_REQUIRED', `An imported row says when it happened: give ${field}.`, 'invalid');
  }
  const request = await checked(body, spec, validation);
  const identity = rowIdentity(fields);
  const firstEventId = importedEventId(ids.system, AGGREGATES[spec.aggregate].stream(targetId), identity, 0);
  return {
    command: command as string,
    targetSource,
    targetId,
    extraIds,
    occurredAt: occurredAt as string,
    request,
    identity,
    firstEventId,
  };
}

/** checkRow's outcome as data: a refusal (a DomainError) is an answer too; any other failure is thrown. */
export async function answerRow(
  fields: Readonly<Record<string, unknown>>,
  ids: ImportedIds,
  validation: ValidationPipe,
): Promise<RowAnswer> {
  try {
    const checkedRow = await checkRow(fields, ids, validation);
    return { checked: checkedRow, derived: ids.takeDerived() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { refused: { code: error.code, message: error.message }, derived: ids.takeDerived() };
  }
}

/** The row's own id of the record it is about (the previous system's id): any text up to 200 characters. */
function sourceId(fields: Readonly<Record<string, unknown>>, field: string): string {
  const value = fields[field];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '' || value.length > SOURCE_ID_MAX) {
    throw new DomainError(
      'IMPORT.SOURCE_ID_REQUIRED',
      `Give ${field}: the id the previous system gave it (1-${SOURCE_ID_MAX} characters).`,
      'invalid',
    );
  }
  return value.trim();
}

/** The request body of the row: its fields minus the row's own and the route's, every source id replaced by the ledger's. */
function requestBody(
  fields: Readonly<Record<string, unknown>>,
  spec: ImportCommandSpec,
  targetId: string,
  ids: ImportedIds,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (ROW_FIELDS.has(field) || field === spec.target || Object.hasOwn(spec.extraIds ?? {}, field)) continue;
    if (spec.occurredAtField !== undefined && field === 'occurredAt') continue;
    const kind = ID_FIELDS[field];
    body[field] =
      kind === undefined
        ? value
        : typeof value === 'string' || typeof value === 'number'
          ? ids.id(kind, String(value).trim())
          : Array.isArray(value)
            ? value.map((item) => (typeof item === 'string' || typeof item === 'number' ? ids.id(kind, String(item).trim()) : item))
            : value;
  }
  if (spec.targetInBody) body[spec.target] = targetId;
  return body;
}

async function checked(body: Record<string, unknown>, spec: ImportCommandSpec, validation: ValidationPipe): Promise<unknown> {
  try {
    return await validation.transform(body, { type: 'body', metatype: spec.dto, data: '' });
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const answer = error.getResponse() as { code?: string; message?: string };
    throw new DomainError(
      answer.code ?? 'VALIDATION.FAILED',
      (answer.message ?? error.message).replace(/ Nothing was written\.$/, ''),
      'invalid',
    );
  }
}

/** The row's rowId when it has one (the source's id of that step), else its whole content. */
function rowIdentity(fields: Readonly<Record<string, unknown>>): string {
  const { rowId } = fields;
  if (typeof rowId === 'string' && rowId.trim() !== '') return `row\n${rowId.trim()}`;
  return `content\n${hash('sha256', canonicalJson(fields), 'hex')}`;
}
