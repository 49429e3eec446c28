import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { can, signOut, useSession, type PermissionName, type SessionView } from '../api/session';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.vi';
import { ErrorNotice, Loading } from './common';
import { SignedOut } from '../screens/sign-in/SignedOut';

interface NavItem {
  readonly to: string;
  readonly label: (m: Messages) => string;
  readonly needs: readonly PermissionName[];
}

/** The sections, each shown only to roles the permission matrix lets use it. */
const NAV: readonly NavItem[] = [
  { to: '/', label: (m) => m.nav.overview, needs: [] },
  { to: '/cases', label: (m) => m.nav.cases, needs: ['cases.read'] },
  { to: '/officials', label: (m) => m.nav.officials, needs: ['officials.review'] },
  { to: '/visits', label: (m) => m.nav.visits, needs: ['records.read'] },
  { to: '/meetings', label: (m) => m.nav.meetings, needs: ['records.read'] },
  { to: '/evaluations', label: (m) => m.nav.evaluations, needs: ['oversight.read'] },
  { to: '/audit', label: (m) => m.nav.audit, needs: ['oversight.read'] },
  { to: '/integrity', label: (m) => m.nav.integrity, needs: ['integrity.read'] },
  { to: '/recording', label: (m) => m.nav.recording, needs: ['cases.receive', 'visits.record', 'meetings.record'] },
];

export function visibleNav(session: SessionView | undefined): readonly NavItem[] {
  return NAV.filter((item) => item.needs.length === 0 || item.needs.some((permission) => can(session, permission)));
}

/** Header, navigation and the signed-in person; the screens render below. */
export function Shell() {
  const { m, language, setLanguage } = useI18n();
  const session = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [menuOpen, setMenuOpen] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  if (pathname === '/sign-in') return <Outlet />;

  async function leave() {
    let endSessionUrl: string | undefined;
    try {
      ({ endSessionUrl } = await signOut());
    } finally {
      queryClient.clear();
      // The provider's end-session page sends the browser back to /sign-in?signedOut=true itself.
      if (endSessionUrl) window.location.assign(endSessionUrl);
      else await navigate({ to: '/sign-in', search: { signedOut: true } });
    }
  }

  const unauthenticated = session.error instanceof ApiError && session.error.status === 401;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {m.app.skipToContent}
      </a>
      <header className="app-header">
        <div className="brand">
          <Link to="/" className="brand-title">
            {m.app.title}
          </Link>
          <span className="brand-subtitle">{m.app.subtitle}</span>
        </div>
        <div className="header-tools">
          <button
            type="button"
            className="language-switch"
            lang={language === 'vi' ? 'en' : 'vi'}
            aria-label={m.app.switchToLabel}
            onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
          >
            {m.app.switchTo}
          </button>
          {session.data && (
            <>
              <span className="who">{m.app.signedInAs(session.data.subject)}</span>
              <button type="button" onClick={leave}>
                {m.app.signOut}
              </button>
            </>
          )}
          {session.data && (
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              {m.app.menu}
            </button>
          )}
        </div>
        {session.data && (
          <nav id="main-nav" className={menuOpen ? 'open' : undefined} aria-label={m.app.menu}>
            <ul>
              {visibleNav(session.data).map((item) => (
                <li key={item.to}>
                  <Link to={item.to} activeOptions={{ exact: item.to === '/' }} onClick={() => setMenuOpen(false)}>
                    {item.label(m)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {session.isPending ? (
          <Loading />
        ) : unauthenticated ? (
          <SignedOut reason="session" />
        ) : session.error ? (
          <ErrorNotice error={session.error} onRetry={() => session.refetch()} />
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}

/** A screen for a permission the person lacks (reached by a shared address). */
export function RequirePermission({ permission, children }: { readonly permission: PermissionName; readonly children: React.ReactNode }) {
  const { m } = useI18n();
  const { data } = useSession();
  if (!can(data, permission)) return <p className="notice">{m.app.notAllowed}</p>;
  return <>{children}</>;
}
