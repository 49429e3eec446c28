import pg from 'pg';
import { StoreUnavailableError } from '../../ledger/ledger.errors.js';
import { inPostgresTransaction } from '../../ledger/postgres-transaction.js';
import { describePostgresUrl, postgresUnavailable } from '../../ledger/postgres-unavailable.js';
import type { Principal } from '../principal.js';
import { idHash, newSession, principalOf, storedPrincipal, type StoredPrincipal } from './session-secrets.js';
import type {
  OidcSignInAttempt,
  OpenedSession,
  Session,
  SessionOpening,
  SessionStore,
  SignInLinkUse,
  SignInMethod,
} from './session-store.port.js';

/** pg_advisory_xact_lock's key while the tables are made: two instances starting at once create them once. */
const SCHEMA_LOCK = [0x53455331, 0]; // "SES1"

interface SessionRow extends StoredPrincipal {
  readonly csrf_token: string;
  readonly created_at: Date;
  readonly expires_at: Date;
  readonly signed_in_with: SignInMethod;
}

/**
 * Console sessions, spent sign-in links and sign-in attempts in PostgreSQL, for every instance of the
 * service (the schema is the connection's search_path). A link is spent by inserting its id, and the
 * primary key is the arbiter: of two instances opening the same link at once, one inserts and opens, the
 * other finds the row and answers "used". An attempt is taken with DELETE ... RETURNING, so a callback
 * finishes it once whichever instance it reaches. Like the SQLite file, the tables hold no credential:
 * only the SHA-256 of session and attempt ids.
 */
export class PostgresSessionStore implements SessionStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  /** Connects and creates the tables if they are missing; rejects when the server cannot be reached. */
  static async open(url: string, options: { readonly connectTimeoutMs?: number } = {}): Promise<PostgresSessionStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not bring the process down; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresSessionStore(pool, describePostgresUrl(url));
    try {
      await store.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', SCHEMA_LOCK);
        await client.query(`
          CREATE TABLE IF NOT EXISTS console_used_sign_in_links (
            link_id    text PRIMARY KEY,
            used_at    timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
          );
          CREATE TABLE IF NOT EXISTS console_sessions (
            id_hash        bytea PRIMARY KEY,
            subject        text NOT NULL,
            roles          text NOT NULL,
            units          text NOT NULL,
            official_id    text,
            csrf_token     text NOT NULL,
            created_at     timestamptz NOT NULL,
            expires_at     timestamptz NOT NULL,
            signed_in_with text NOT NULL CHECK (signed_in_with IN ('link', 'oidc'))
          );
          CREATE INDEX IF NOT EXISTS console_sessions_expiry ON console_sessions (expires_at);
          CREATE TABLE IF NOT EXISTS console_oidc_sign_in_attempts (
            id_hash       bytea PRIMARY KEY,
            state         text NOT NULL,
            nonce         text NOT NULL,
            code_verifier text NOT NULL,
            expires_at    timestamptz NOT NULL
          );
        `);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  openWithLink(link: SignInLinkUse, principal: Principal, lifetimeMs: number, now: Date): Promise<SessionOpening> {
    return this.transaction(async (client): Promise<SessionOpening> => {
      await purge(client, now);
      const spent = await client.query(
        'INSERT INTO console_used_sign_in_links (link_id, used_at, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [link.linkId, now, link.expiresAt],
      );
      if (spent.rowCount === 0) return { outcome: 'link-used' };
      return { outcome: 'opened', session: await open(client, principal, 'link', lifetimeMs, now) };
    });
  }

  openWithIdentityProvider(principal: Principal, lifetimeMs: number, now: Date): Promise<OpenedSession> {
    return this.transaction(async (client) => {
      await purge(client, now);
      return open(client, principal, 'oidc', lifetimeMs, now);
    });
  }

  async beginOidcSignIn(attemptId: string, attempt: OidcSignInAttempt, now: Date): Promise<void> {
    await this.query('DELETE FROM console_oidc_sign_in_attempts WHERE expires_at <= $1', [now]);
    await this.query(
      'INSERT INTO console_oidc_sign_in_attempts (id_hash, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [idHash(attemptId), attempt.state, attempt.nonce, attempt.codeVerifier, attempt.expiresAt],
    );
  }

  async takeOidcSignIn(attemptId: string, now: Date): Promise<OidcSignInAttempt | undefined> {
    const { rows } = await this.query<{ state: string; nonce: string; code_verifier: string; expires_at: Date }>(
      'DELETE FROM console_oidc_sign_in_attempts WHERE id_hash = $1 AND expires_at > $2 RETURNING state, nonce, code_verifier, expires_at',
      [idHash(attemptId), now],
    );
    const [row] = rows;
    return row && { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, expiresAt: row.expires_at };
  }

  async find(sessionId: string, now: Date): Promise<Session | undefined> {
    const { rows } = await this.query<SessionRow>('SELECT * FROM console_sessions WHERE id_hash = $1 AND expires_at > $2', [
      idHash(sessionId),
      now,
    ]);
    const [row] = rows;
    if (!row) return undefined;
    return {
      principal: principalOf(row),
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      signedInWith: row.signed_in_with,
    };
  }

  async end(sessionId: string): Promise<boolean> {
    const { rowCount } = await this.query('DELETE FROM console_sessions WHERE id_hash = $1', [idHash(sessionId)]);
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inPostgresTransaction(this.pool, work, (error) => this.unavailable(error));
  }

  private unavailable(error: unknown): unknown {
    return postgresUnavailable(
      error,
      (reason) =>
        new StoreUnavailableError(`The session store (PostgreSQL at ${this.where}) cannot be reached: ${reason}`, { cause: error }),
    );
  }
}

async function purge(client: pg.PoolClient, now: Date): Promise<void> {
  // An expired link is refused by its own expiry, so its id need not be kept past it.
  await client.query('DELETE FROM console_used_sign_in_links WHERE expires_at < $1', [now]);
  await client.query('DELETE FROM console_sessions WHERE expires_at <= $1', [now]);
}

async function open(
  client: pg.PoolClient,
  principal: Principal,
  signedInWith: SignInMethod,
  lifetimeMs: number,
  now: Date,
): Promise<OpenedSession> {
  const session = newSession(principal, signedInWith, lifetimeMs, now);
  const stored = storedPrincipal(principal);
  await client.query(
    `INSERT INTO console_sessions (id_hash, subject, roles, units, official_id, csrf_token, created_at, expires_at, signed_in_with)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      idHash(session.sessionId),
      stored.subject,
      stored.roles,
      stored.units,
      stored.official_id,
      session.csrfToken,
      now,
      session.expiresAt,
      signedInWith,
    ],
  );
  return session;
}
