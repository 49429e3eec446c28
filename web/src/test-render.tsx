import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider, type Language } from './i18n/i18n';

/** A component inside what the console gives every screen: the language, the query cache and a router (for links). */
export function renderScreen(
  ui: () => ReactNode,
  options: { language?: Language; session?: unknown; cached?: readonly (readonly [readonly unknown[], unknown])[] } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  if (options.session) queryClient.setQueryData(['session'], options.session);
  for (const [key, data] of options.cached ?? []) queryClient.setQueryData(key, data);
  const router = createRouter({
    routeTree: createRootRoute({ component: () => <>{ui()}</> }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  return render(
    <I18nProvider initial={options.language ?? 'vi'}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>,
  );
}
