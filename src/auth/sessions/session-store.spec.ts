import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../principal.js';
import { SessionStore } from './session-store.js';

const principal: Principal = { subject: 'thanh-tra-1', roles: ['inspector'], units: 'all' };
const at = (iso: string) => new Date(iso);

describe('SessionStore', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sessions-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('opens one session per link, even after the store is closed and opened again (a restart)', () => {
    const file = join(folder, 'sessions.db');
    const link = { linkId: '2c2f0d2e-9b0a-4b9e-8d7e-0c3a3b1f9a11', expiresAt: at('2026-12-01T10:05:00Z') };
    const first = new SessionStore(file);
    expect(first.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:01:00Z')).outcome).toBe('opened');
    expect(first.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:02:00Z')).outcome).toBe('link-used');
    first.close();
    const restarted = new SessionStore(file);
    expect(restarted.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:03:00Z')).outcome).toBe('link-used');
    restarted.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('finds a session until it expires or is ended, by an id it stores only hashed', () => {
    const store = new SessionStore(join(folder, 'sessions.db'));
    const opening = store.openWithLink(
      { linkId: 'a0000000-0000-4000-8000-000000000001', expiresAt: at('2026-12-01T10:05:00Z') },
      principal,
      60_000,
      at('2026-12-01T10:00:00Z'),
    );
    if (opening.outcome !== 'opened') throw new Error('not opened');
    const { sessionId } = opening.session;
    expect(store.find(sessionId, at('2026-12-01T10:00:59Z'))?.principal).toEqual(principal);
    expect(store.find(sessionId, at('2026-12-01T10:01:00Z'))).toBeUndefined();
    const second = store.openWithLink(
      { linkId: 'a0000000-0000-4000-8000-000000000002', expiresAt: at('2026-12-01T10:05:00Z') },
      principal,
      60_000,
      at('2026-12-01T10:00:00Z'),
    );
    if (second.outcome !== 'opened') throw new Error('not opened');
    expect(store.end(second.session.sessionId)).toBe(true);
    expect(store.find(second.session.sessionId, at('2026-12-01T10:00:30Z'))).toBeUndefined();
    expect(store.find('x'.repeat(43), at('2026-12-01T10:00:30Z'))).toBeUndefined();
    store.close();
  });

  it('keeps the official a session holder is, also in a file written before sessions named one', () => {
    const file = join(folder, 'sessions.db');
    const old = new Database(file);
    old.exec(
      'CREATE TABLE sessions (id_hash BLOB PRIMARY KEY, subject TEXT NOT NULL, roles TEXT NOT NULL, units TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, signed_in_with TEXT NOT NULL) STRICT',
    );
    old.close();
    const store = new SessionStore(file);
    const official: Principal = { subject: 'uy-vien-1', roles: ['standing-committee'], units: ['gia-tan'], officialId: 'uy-vien-gia-tan' };
    const session = store.openWithIdentityProvider(official, 60_000, at('2026-12-01T10:00:00Z'));
    expect(store.find(session.sessionId, at('2026-12-01T10:00:30Z'))).toMatchObject({ principal: official, signedInWith: 'oidc' });
    store.close();
  });

  it('gives back a sign-in attempt once, and none after it expires', () => {
    const store = new SessionStore(':memory:');
    const attempt = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), expiresAt: at('2026-12-01T10:10:00Z') };
    store.beginOidcSignIn('a'.repeat(43), attempt, at('2026-12-01T10:00:00Z'));
    store.beginOidcSignIn('b'.repeat(43), attempt, at('2026-12-01T10:00:00Z'));
    expect(store.takeOidcSignIn('a'.repeat(43), at('2026-12-01T10:01:00Z'))).toEqual(attempt);
    expect(store.takeOidcSignIn('a'.repeat(43), at('2026-12-01T10:01:00Z'))).toBeUndefined();
    expect(store.takeOidcSignIn('b'.repeat(43), at('2026-12-01T10:10:00Z'))).toBeUndefined();
    store.close();
  });
});
