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

export async function signOut(): Promise<void> {
  await documented(api.POST('/api/v1/session/sign-out'));
  rememberCsrfToken(undefined);
}
