import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '../principal.js';
import type { OpenedSession, SignInMethod } from './session-store.port.js';

/** A store keeps only the SHA-256 of a session's or an attempt's id: the stored rows sign no one in. */
export function idHash(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/** A new session's id and CSRF token, drawn here so that every store opens sessions alike. */
export function newSession(principal: Principal, signedInWith: SignInMethod, lifetimeMs: number, now: Date): OpenedSession {
  return {
    sessionId: randomBytes(32).toString('base64url'),
    csrfToken: randomBytes(32).toString('base64url'),
    principal,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    signedInWith,
  };
}

/** The principal as a store's columns hold it: roles and units as JSON, the official as null when none. */
export interface StoredPrincipal {
  readonly subject: string;
  readonly roles: string;
  readonly units: string;
  readonly official_id: string | null;
}

export function storedPrincipal(principal: Principal): StoredPrincipal {
  return {
    subject: principal.subject,
    roles: JSON.stringify(principal.roles),
    units: JSON.stringify(principal.units),
    official_id: principal.officialId ?? null,
  };
}

export function principalOf(row: StoredPrincipal): Principal {
  return {
    subject: row.subject,
    roles: JSON.parse(row.roles) as Role[],
    units: row.units === '"all"' ? 'all' : (JSON.parse(row.units) as string[]),
    ...(row.official_id === null ? {} : { officialId: row.official_id }),
  };
}
