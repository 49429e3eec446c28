import createClient, { type Client } from 'openapi-fetch';
// Generated from the service's OpenAPI document (npm run build, npm run seed:demo): the demo and the
// console share one description of the API, so a route or a body the document does not describe, or
// describes differently, fails type-checking here instead of at run time.
import type { paths } from '../../web/src/api/schema.js';

/** The API as its OpenAPI document describes it. */
export type LedgerApi = Client<paths>;

/** A client of the ledger at baseUrl, every request carrying the bearer token. */
export function ledgerApi(baseUrl: string, token: string | undefined): LedgerApi {
  return createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

/**
 * The headers of a demo write: an Idempotency-Key derived from what it records, so running the demo
 * twice records nothing twice.
 */
export function idempotent(key: string): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': `demo:${key}` };
}

/** The answer of a write, or an error naming the route, the status and the service's code and sentence. */
export async function recorded<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    const problem = (error ?? {}) as { code?: string; detail?: string; message?: string };
    const route = `${response.url ? new URL(response.url).pathname : ''}`;
    throw new Error(`POST ${route} answered ${response.status} ${problem.code ?? ''}: ${problem.detail ?? problem.message ?? ''}`);
  }
  return data;
}

/** Fails with a hint when no ledger answers at baseUrl (its health route lies outside the API's document). */
export async function checkHealth(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/health`).catch((error: Error) => {
    throw new Error(`No ledger answers at ${baseUrl} (${error.message}); start it with npm start, or set BASE_URL.`);
  });
  if (!response.ok) throw new Error(`${baseUrl}/health answered ${response.status}`);
}

/** What the demo reads of a case command's answer. */
export interface CaseAnswer {
  readonly caseId: string;
  readonly events: readonly { readonly eventId: string; readonly type: string }[];
}

/**
 * The case commands' answer is documented as an open object (the case as GET shows it), so the fields
 * the demo goes on with are checked here rather than assumed.
 */
export function caseAnswer(answer: Record<string, unknown>): CaseAnswer {
  const { caseId, events } = answer;
  const eventsAreListed =
    Array.isArray(events) &&
    events.every((event: { eventId?: unknown; type?: unknown }) => typeof event?.eventId === 'string' && typeof event?.type === 'string');
  if (typeof caseId !== 'string' || !eventsAreListed) throw new Error('A case command answered without its caseId and events');
  return { caseId, events };
}
