import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { signIn } from '../../api/session';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice } from '../../ui/common';
import { SignedOut } from './SignedOut';
import { linkFromHash, previewLink } from './sign-in-link';

const route = getRouteApi('/sign-in');

/**
 * Where a printed sign-in link lands. The link is used only when the person presses the button, so a
 * chat or mail program that opens links to preview them cannot spend it.
 */
export function SignInScreen() {
  const { m, language, setLanguage } = useI18n();
  const { signedOut, error } = route.useSearch();
  const [token] = useState(() => linkFromHash(window.location.hash));
  const [openedAt] = useState(() => Date.now());
  const [failure, setFailure] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const preview = token ? previewLink(token) : undefined;

  async function submit() {
    if (!token) return;
    setPending(true);
    setFailure(undefined);
    try {
      const session = await signIn(token);
      queryClient.setQueryData(['session'], session);
      // The fragment held a credential: take it out of the address and the history.
      window.history.replaceState(null, '', '/sign-in');
      await navigate({ to: '/' });
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <div className="panel sign-in-panel">
        <div className="sign-in-top">
          <p className="brand-title">{m.app.title}</p>
          <button
            type="button"
            className="language-switch"
            lang={language === 'vi' ? 'en' : 'vi'}
            aria-label={m.app.switchToLabel}
            onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
          >
            {m.app.switchTo}
          </button>
        </div>
        <h1>{m.signIn.title}</h1>
        {error !== undefined && <ErrorNotice error={new ApiError(401, error, error)} />}
        {!token || !preview ? (
          <SignedOut reason={error !== undefined ? 'refused' : signedOut ? 'signed-out' : token ? 'unreadable' : 'no-link'} embedded />
        ) : (
          <>
            <p className="lead">{m.signIn.as(preview.subject)}</p>
            <dl className="definitions">
              <div>
                <dt>{m.signIn.roles}</dt>
                <dd>{preview.roles.map((role) => m.roles[role] ?? role).join(', ')}</dd>
              </div>
              <div>
                <dt>{m.signIn.units}</dt>
                <dd>{preview.units === 'all' ? m.signIn.allUnits : preview.units.join(', ') || m.app.none}</dd>
              </div>
            </dl>
            {preview.expiresAt.getTime() < openedAt ? (
              <p className="notice notice-error">{m.signIn.expired}</p>
            ) : (
              <p className="help">{m.signIn.validUntil(formatDateTime(preview.expiresAt))}</p>
            )}
            {failure !== undefined && <ErrorNotice error={failure} />}
            <button type="button" className="primary" onClick={submit} disabled={pending}>
              {m.signIn.button}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
