import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, documented, rememberCsrfToken } from './client';
import type { components } from './schema';

export type SessionView = components['schemas']['SessionView'];
export type PermissionName = keyof SessionView['permissions'];

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async () => {
    const { body } = await documented(api.GET('/api/v1/session'));
    rememberCsrfToken(body.csrfToken);
    return body;
  },
  staleTime: 60_000,
  retry: false,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Whether the permission matrix grants the signed-in person this permission (the API still decides each request). */
export function can(session: SessionView | undefined, permission: PermissionName): boolean {
  return session?.permissions[permission] !== undefined;
}

export async function signIn(link: string): Promise<SessionView> {
  const { body } = await documented(api.POST('/api/v1/session', { body: { link } }));
  rememberCsrfToken(body.csrfToken);
  return body;
}

/**
 * Signs out here. For a session opened through the identity provider, the answer may name the
 * provider's end-session address, where the browser goes next to end the provider's session too.
 */
export async function signOut(): Promise<{ readonly endSessionUrl?: string }> {
  const { body } = await documented(api.POST('/api/v1/session/sign-out'));
  rememberCsrfToken(undefined);
  return typeof body === 'object' && body !== null && 'endSessionUrl' in body ? { endSessionUrl: String(body.endSessionUrl) } : {};
}

/** How people sign in here: printed links (embedded mode) or the identity provider ("the province's account"). */
export const signInMethodsQuery = queryOptions({
  queryKey: ['sign-in-methods'],
  queryFn: async () => (await documented(api.GET('/auth/config'))).body.methods,
  staleTime: Infinity,
  retry: false,
});

/** Where the browser goes to sign in through the identity provider (a navigation, not a fetch: the service redirects). */
export const PROVIDER_SIGN_IN_PATH = '/auth/oidc/start';
