import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { Shell } from './ui/Shell';
import { NotFound } from './screens/NotFound';
import { caseSearchOf } from './screens/cases/case-filters';
import { meetingSearchOf, visitSearchOf } from './screens/records/record-filters';

/** Search parameters are strings from the address bar: keep the known ones that are non-empty strings. */
function strings<K extends string>(...keys: K[]) {
  return (search: Record<string, unknown>): Partial<Record<K, string>> => {
    const kept: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = search[key];
      if (typeof value === 'string' && value !== '') kept[key] = value;
      else if (typeof value === 'number') kept[key] = String(value);
    }
    return kept;
  };
}

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound });

const routes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/',
    component: lazyRouteComponent(() => import('./screens/overview/OverviewScreen'), 'OverviewScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/sign-in',
    validateSearch: (search: Record<string, unknown>): { signedOut?: true; error?: string } => ({
      signedOut: search.signedOut === true || search.signedOut === 'true' || undefined,
      // Why a sign-in through the identity provider was refused: the service sends the browser back with its code.
      error: typeof search.error === 'string' && /^OIDC\.[A-Z_]{1,40}$/.test(search.error) ? search.error : undefined,
    }),
    component: lazyRouteComponent(() => import('./screens/sign-in/SignInScreen'), 'SignInScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases',
    validateSearch: caseSearchOf,
    component: lazyRouteComponent(() => import('./screens/cases/CaseWorklistScreen'), 'CaseWorklistScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/cases/$caseId',
    validateSearch: strings('asOf', 'by'),
    component: lazyRouteComponent(() => import('./screens/cases/CaseScreen'), 'CaseScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/officials',
    validateSearch: strings('q', 'unitId'),
    component: lazyRouteComponent(() => import('./screens/officials/OfficialLookupScreen'), 'OfficialLookupScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/officials/$officialId',
    validateSearch: strings('from', 'to'),
    component: lazyRouteComponent(() => import('./screens/officials/OfficialScreen'), 'OfficialScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/units/$unitId',
    component: lazyRouteComponent(() => import('./screens/units/UnitWorklistScreen'), 'UnitWorklistScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/visits',
    validateSearch: visitSearchOf,
    component: lazyRouteComponent(() => import('./screens/records/VisitListScreen'), 'VisitListScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/meetings',
    validateSearch: meetingSearchOf,
    component: lazyRouteComponent(() => import('./screens/records/MeetingListScreen'), 'MeetingListScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/evaluations',
    validateSearch: strings('year', 'unitId', 'sort', 'order', 'chart'),
    component: lazyRouteComponent(() => import('./screens/evaluations/EvaluationScreen'), 'EvaluationScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/audit',
    validateSearch: strings('caseId', 'officialId', 'unitId', 'from', 'to', 'type'),
    component: lazyRouteComponent(() => import('./screens/audit/AuditScreen'), 'AuditScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/events/$eventId',
    component: lazyRouteComponent(() => import('./screens/events/EventScreen'), 'EventScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/integrity',
    validateSearch: strings('eventId'),
    component: lazyRouteComponent(() => import('./screens/integrity/IntegrityScreen'), 'IntegrityScreen'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/recording',
    component: lazyRouteComponent(() => import('./screens/recording/RecordingScreen'), 'RecordingScreen'),
  }),
] as const;

export const routeTree = rootRoute.addChildren(routes);

export function makeRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
