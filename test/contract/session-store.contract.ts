import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../src/auth/principal.js';
import type { SessionStore } from '../../src/auth/sessions/session-store.port.js';

/** Opens a store on the same data the previous calls of this suite opened (another instance of the service, or a restart). */
export interface SessionStoreUnderTest {
  open(): Promise<SessionStore>;
}

const at = (iso: string) => new Date(iso);
const inspector: Principal = { subject: 'thanh-tra-1', roles: ['inspector'], units: 'all' };
const member: Principal = { subject: 'uy-vien-1', roles: ['standing-committee'], units: ['gia-tan'], officialId: 'uy-vien-gia-tan' };
const link = () => ({ linkId: randomUUID(), expiresAt: at('2026-12-01T10:05:00Z') });
const cookie = () => randomBytes(32).toString('base64url');

/** What every session store promises, whatever it is built on. "Another" store is another instance on the same data. */
export function sessionStoreContract(name: string, underTest: () => SessionStoreUnderTest): void {
  describe(`${name}: the session store contract`, () => {
    let opened: SessionStore[];
    let store: SessionStore;
    const another = async () => {
      const other = await underTest().open();
      opened.push(other);
      return other;
    };
    const opening = async (on: SessionStore, principal: Principal = inspector, lifetimeMs = 60_000) => {
      const result = await on.openWithLink(link(), principal, lifetimeMs, at('2026-12-01T10:00:00Z'));
      if (result.outcome !== 'opened') throw new Error('the link was not spent before');
      return result.session;
    };

    beforeEach(async () => {
      opened = [];
      store = await another();
    });
    afterEach(async () => {
      await Promise.all(opened.map((each) => each.close()));
    });

    it('opens a session with a link, once: the same link is spent on every instance', async () => {
      const spent = link();
      const first = await store.openWithLink(spent, inspector, 3_600_000, at('2026-12-01T10:01:00Z'));
      expect(first).toMatchObject({ outcome: 'opened', session: { principal: inspector, signedInWith: 'link' } });
      expect(await store.openWithLink(spent, inspector, 3_600_000, at('2026-12-01T10:02:00Z'))).toEqual({ outcome: 'link-used' });
      expect(await (await another()).openWithLink(spent, inspector, 3_600_000, at('2026-12-01T10:03:00Z'))).toEqual({
        outcome: 'link-used',
      });
    });

    it('opens one session when two instances spend the same link at once', async () => {
      const spent = link();
      const instances = [store, await another(), await another()];
      const outcomes = await Promise.all(instances.map((each) => each.openWithLink(spent, inspector, 60_000, at('2026-12-01T10:01:00Z'))));
      expect(outcomes.map((each) => each.outcome).sort()).toEqual(['link-used', 'link-used', 'opened']);
    });

    it('finds a session on every instance until it expires, with its principal, CSRF token and times', async () => {
      const session = await opening(store, member);
      expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.csrfToken).not.toBe(session.sessionId);
      const elsewhere = await another();
      expect(await elsewhere.find(session.sessionId, at('2026-12-01T10:00:59Z'))).toEqual({
        principal: member,
        csrfToken: session.csrfToken,
        createdAt: at('2026-12-01T10:00:00Z'),
        expiresAt: at('2026-12-01T10:01:00Z'),
        signedInWith: 'link',
      });
      expect(await elsewhere.find(session.sessionId, at('2026-12-01T10:01:00Z'))).toBeUndefined();
      expect(await store.find(cookie(), at('2026-12-01T10:00:30Z'))).toBeUndefined();
    });

    it('ends a session on every instance when it is ended on one (signing out)', async () => {
      const session = await opening(store);
      const elsewhere = await another();
      expect(await elsewhere.end(session.sessionId)).toBe(true);
      expect(await store.find(session.sessionId, at('2026-12-01T10:00:30Z'))).toBeUndefined();
      expect(await store.end(session.sessionId)).toBe(false);
      expect(await store.end(cookie())).toBe(false);
    });

    it('opens sessions for the identity provider, with the official the holder is', async () => {
      const session = await store.openWithIdentityProvider(member, 60_000, at('2026-12-01T10:00:00Z'));
      expect(await (await another()).find(session.sessionId, at('2026-12-01T10:00:30Z'))).toMatchObject({
        principal: member,
        signedInWith: 'oidc',
      });
    });

    it('gives back a sign-in attempt once, on whichever instance the browser comes back to, and none after it expires', async () => {
      const attempt = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), expiresAt: at('2026-12-01T10:10:00Z') };
      const [first, second] = [cookie(), cookie()];
      await store.beginOidcSignIn(first, attempt, at('2026-12-01T10:00:00Z'));
      await store.beginOidcSignIn(second, attempt, at('2026-12-01T10:00:00Z'));
      const elsewhere = await another();
      expect(await elsewhere.takeOidcSignIn(first, at('2026-12-01T10:01:00Z'))).toEqual(attempt);
      expect(await store.takeOidcSignIn(first, at('2026-12-01T10:01:00Z'))).toBeUndefined();
      expect(await elsewhere.takeOidcSignIn(second, at('2026-12-01T10:10:00Z'))).toBeUndefined();
    });
  });
}
