/**
 * Whether a PostgreSQL failure is the server being out of reach (a lost or refused connection, a
 * shutdown, a timeout), which a caller answers as 503, rather than a fault of the request. `unavailable`
 * words it for the store at hand; any other error is given back unchanged.
 */
export function postgresUnavailable(error: unknown, unavailable: (reason: string) => Error): unknown {
  const code = String((error as { code?: unknown })?.code ?? '');
  const lost = /^(08|57P)/.test(code) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE)$/.test(code);
  const timedOut = /timeout|terminated|Connection terminated/i.test((error as Error)?.message ?? '');
  if (!lost && !timedOut) return error;
  return unavailable((error as Error).message);
}

/** The server and database, never the password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}
