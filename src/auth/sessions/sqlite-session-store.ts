import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
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

export const SESSION_STORE_FILE = 'sessions.db';

interface SessionRow extends StoredPrincipal {
  readonly csrf_token: string;
  readonly created_at: number;
  readonly expires_at: number;
  readonly signed_in_with: SignInMethod;
}

interface AttemptRow {
  readonly state: string;
  readonly nonce: string;
  readonly code_verifier: string;
  readonly expires_at: number;
}

export function sessionStorePath(authDir: string): string {
  return join(authDir, SESSION_STORE_FILE);
}

/**
 * Console sessions and the ids of the sign-in links already used, in one SQLite file beside the token
 * secret (owner-only). A link id is recorded in the same transaction that opens its session, so a link
 * opens one session, ever, across restarts. The file holds no usable credential: sessions are keyed
 * by the SHA-256 of their id, and a used link id cannot sign anyone in.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly insertLink: Database.Statement<[string, number, number]>;
  private readonly insertSession: Database.Statement<[Buffer, string, string, string, string, number, number, SignInMethod, string | null]>;
  private readonly insertAttempt: Database.Statement<[Buffer, string, string, string, number]>;
  private readonly takeAttempt: Database.Statement<[Buffer, number], AttemptRow>;
  private readonly purgeAttempts: Database.Statement<[number]>;
  private readonly selectSession: Database.Statement<[Buffer, number], SessionRow>;
  private readonly deleteSession: Database.Statement<[Buffer]>;
  private readonly purgeLinks: Database.Statement<[number]>;
  private readonly purgeSessions: Database.Statement<[number]>;

  constructor(filename: string) {
    if (filename !== ':memory:') closeSync(openSync(filename, 'a', 0o600));
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // A used link id must survive a crash right after the session it opened was answered.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS used_sign_in_links (
        link_id    TEXT PRIMARY KEY,
        used_at    INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS sessions (
        id_hash        BLOB PRIMARY KEY,
        subject        TEXT NOT NULL,
        roles          TEXT NOT NULL,
        units          TEXT NOT NULL,
        csrf_token     TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        signed_in_with TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS oidc_sign_in_attempts (
        id_hash       BLOB PRIMARY KEY,
        state         TEXT NOT NULL,
        nonce         TEXT NOT NULL,
        code_verifier TEXT NOT NULL,
        expires_at    INTEGER NOT NULL
      ) STRICT;
    `);
    // Files written before sessions named the official the holder is.
    const columns = this.db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all('sessions');
    if (!columns.some((column) => column.name === 'official_id')) this.db.exec('ALTER TABLE sessions ADD COLUMN official_id TEXT');
    this.insertLink = this.db.prepare(
      'INSERT INTO used_sign_in_links (link_id, used_at, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.insertSession = this.db.prepare(
      'INSERT INTO sessions (id_hash, subject, roles, units, csrf_token, created_at, expires_at, signed_in_with, official_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertAttempt = this.db.prepare(
      'INSERT INTO oidc_sign_in_attempts (id_hash, state, nonce, code_verifier, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    // Deleted as it is read: an attempt is finished once, whatever the provider answers.
    this.takeAttempt = this.db.prepare(
      'DELETE FROM oidc_sign_in_attempts WHERE id_hash = ? AND expires_at > ? RETURNING state, nonce, code_verifier, expires_at',
    );
    this.purgeAttempts = this.db.prepare('DELETE FROM oidc_sign_in_attempts WHERE expires_at <= ?');
    this.selectSession = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?');
    this.deleteSession = this.db.prepare('DELETE FROM sessions WHERE id_hash = ?');
    // An expired link is refused by its own expiry, so its id need not be kept past it.
    this.purgeLinks = this.db.prepare('DELETE FROM used_sign_in_links WHERE expires_at < ?');
    this.purgeSessions = this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async openWithLink(link: SignInLinkUse, principal: Principal, lifetimeMs: number, now: Date): Promise<SessionOpening> {
    return this.db.transaction((): SessionOpening => {
      this.purge(now);
      if (this.insertLink.run(link.linkId, now.getTime(), link.expiresAt.getTime()).changes === 0) return { outcome: 'link-used' };
      return { outcome: 'opened', session: this.open(principal, 'link', lifetimeMs, now) };
    })();
  }

  async openWithIdentityProvider(principal: Principal, lifetimeMs: number, now: Date): Promise<OpenedSession> {
    return this.db.transaction((): OpenedSession => {
      this.purge(now);
      return this.open(principal, 'oidc', lifetimeMs, now);
    })();
  }

  async beginOidcSignIn(attemptId: string, attempt: OidcSignInAttempt, now: Date): Promise<void> {
    this.purgeAttempts.run(now.getTime());
    this.insertAttempt.run(idHash(attemptId), attempt.state, attempt.nonce, attempt.codeVerifier, attempt.expiresAt.getTime());
  }

  async takeOidcSignIn(attemptId: string, now: Date): Promise<OidcSignInAttempt | undefined> {
    const row = this.takeAttempt.get(idHash(attemptId), now.getTime());
    if (!row) return undefined;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, expiresAt: new Date(row.expires_at) };
  }

  async find(sessionId: string, now: Date): Promise<Session | undefined> {
    const row = this.selectSession.get(idHash(sessionId), now.getTime());
    if (!row) return undefined;
    return {
      principal: principalOf(row),
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      signedInWith: row.signed_in_with,
    };
  }

  async end(sessionId: string): Promise<boolean> {
    return this.deleteSession.run(idHash(sessionId)).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private open(principal: Principal, signedInWith: SignInMethod, lifetimeMs: number, now: Date): OpenedSession {
    const session = newSession(principal, signedInWith, lifetimeMs, now);
    const stored = storedPrincipal(principal);
    this.insertSession.run(
      idHash(session.sessionId),
      stored.subject,
      stored.roles,
      stored.units,
      session.csrfToken,
      now.getTime(),
      session.expiresAt.getTime(),
      signedInWith,
      stored.official_id,
    );
    return session;
  }

  private purge(now: Date): void {
    this.purgeLinks.run(now.getTime());
    this.purgeSessions.run(now.getTime());
  }
}
