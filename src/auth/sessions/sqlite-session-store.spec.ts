import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../principal.js';
import { SqliteSessionStore } from './sqlite-session-store.js';

const principal: Principal = { subject: 'thanh-tra-1', roles: ['inspector'], units: 'all' };
const at = (iso: string) => new Date(iso);

describe('SqliteSessionStore', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sessions-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('opens one session per link, even after the store is closed and opened again (a restart)', async () => {
    const file = join(folder, 'sessions.db');
    const link = { linkId: '2c2f0d2e-9b0a-4b9e-8d7e-0c3a3b1f9a11', expiresAt: at('2026-12-01T10:05:00Z') };
    const first = new SqliteSessionStore(file);
    expect((await first.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:01:00Z'))).outcome).toBe('opened');
    expect((await first.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:02:00Z'))).outcome).toBe('link-used');
    await first.close();
    const restarted = new SqliteSessionStore(file);
    expect((await restarted.openWithLink(link, principal, 3_600_000, at('2026-12-01T10:03:00Z'))).outcome).toBe('link-used');
    await restarted.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the official a session holder is, also in a file written before sessions named one', async () => {
    const file = join(folder, 'sessions.db');
    const old = new Database(file);
    old.exec(
      'CREATE TABLE sessions (id_hash BLOB PRIMARY KEY, subject TEXT NOT NULL, roles TEXT NOT NULL, units TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, signed_in_with TEXT NOT NULL) STRICT',
    );
    old.close();
    const store = new SqliteSessionStore(file);
    const official: Principal = { subject: 'uy-vien-1', roles: ['standing-committee'], units: ['gia-tan'], officialId: 'uy-vien-gia-tan' };
    const session = await store.openWithIdentityProvider(official, 60_000, at('2026-12-01T10:00:00Z'));
    expect(await store.find(session.sessionId, at('2026-12-01T10:00:30Z'))).toMatchObject({ principal: official, signedInWith: 'oidc' });
    await store.close();
  });
});
