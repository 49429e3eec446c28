import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './api-error';
import type { paths } from './schema';

let csrfToken: string | undefined;

/** The session's CSRF token (from GET /api/v1/session), sent on every write the cookie authenticates. */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** The typed client, generated from the service's OpenAPI document at build time (src/api/schema.d.ts); bodies typed as JSON (a read's CSV twin is a link, never fetched here). */
export const api = createClient<paths, 'application/json'>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(csrf);

export interface Answer<T> {
  readonly body: T;
  readonly etag: string | null;
  /** Ledger-Position of a write: pass it as minPosition to read your own write from a projection. */
  readonly position: number | null;
}

type Call = Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function settle(call: Call): Promise<{ data: unknown; response: Response }> {
  let result: Awaited<Call>;
  try {
    result = await call;
  } catch (error) {
    throw ApiError.unreachable(error);
  }
  if (!result.response.ok) throw ApiError.from(result.response.status, result.error);
  return { data: result.data, response: result.response };
}

function answerOf<T>(data: unknown, response: Response): Answer<T> {
  const position = response.headers.get('Ledger-Position');
  return { body: data as T, etag: response.headers.get('ETag'), position: position === null ? null : Number(position) };
}

/** An operation whose answer the OpenAPI document describes: the body is typed by the generated schema. */
export async function documented<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<Answer<D>> {
  const { data, response } = await settle(call);
  return answerOf<D>(data, response);
}

/**
 * An operation whose answer the OpenAPI document does not describe yet: the body is typed by hand with
 * a view of api/views.ts. When the document describes it, use documented() and delete the view.
 */
export async function undocumented<T>(call: Call): Promise<Answer<T>> {
  const { data, response } = await settle(call);
  return answerOf<T>(data, response);
}
