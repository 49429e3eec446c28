import type { Principal } from '../principal.js';

/**
 * Where console sessions, the ids of spent sign-in links and the identity provider's sign-in attempts
 * live (SESSION_STORE): the SQLite file beside the token secret for one machine, or PostgreSQL, which
 * every instance of the service reaches, so that a session opened on one is one session on all and a
 * link is spent once across them. Both pass one contract suite (test/contract/session-store.contract.ts).
 */
export const SESSION_STORE = Symbol('SESSION_STORE');

/** How the session was opened: by a printed one-time link, or by the identity provider's authorization code flow. */
export type SignInMethod = 'link' | 'oidc';

export interface Session {
  readonly principal: Principal;
  /** Sent back by the console in X-CSRF-Token on every write made with the cookie. */
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly signedInWith: SignInMethod;
}

export interface OpenedSession extends Session {
  /** The cookie's value; only its SHA-256 is stored. */
  readonly sessionId: string;
}

export type SessionOpening = { readonly outcome: 'opened'; readonly session: OpenedSession } | { readonly outcome: 'link-used' };

/** What a sign-in through the identity provider must find again when the browser comes back: kept here, never in the browser. */
export interface OidcSignInAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly expiresAt: Date;
}

export interface SignInLinkUse {
  readonly linkId: string;
  readonly expiresAt: Date;
}

export interface SessionStore {
  /** Spends the link and opens its session in one transaction, or says the link was spent already (by any instance). */
  openWithLink(link: SignInLinkUse, principal: Principal, lifetimeMs: number, now: Date): Promise<SessionOpening>;
  /** Opens the session of someone the identity provider signed in (their ID token verified and mapped). */
  openWithIdentityProvider(principal: Principal, lifetimeMs: number, now: Date): Promise<OpenedSession>;
  /** Remembers a sign-in sent to the identity provider, under the id of the browser's short-lived attempt cookie (stored hashed). */
  beginOidcSignIn(attemptId: string, attempt: OidcSignInAttempt, now: Date): Promise<void>;
  /** The attempt the browser comes back with, once: a second callback with the same cookie finds nothing. */
  takeOidcSignIn(attemptId: string, now: Date): Promise<OidcSignInAttempt | undefined>;
  /** The live session a cookie names, or undefined (unknown, expired or signed out). */
  find(sessionId: string, now: Date): Promise<Session | undefined>;
  /** Signing out: the session is deleted, so its cookie opens nothing any more. */
  end(sessionId: string): Promise<boolean>;
  close(): Promise<void>;
}
