import { useQuery } from '@tanstack/react-query';
import { PROVIDER_SIGN_IN_PATH, signInMethodsQuery } from '../../api/session';
import { useI18n } from '../../i18n/i18n';

/**
 * Why there is no session, and how to get one: the identity provider's sign-in where the service has
 * one, else a link from `ledger token ... --link`.
 */
export function SignedOut({
  reason,
  embedded,
}: {
  readonly reason: 'signed-out' | 'session' | 'no-link' | 'unreadable' | 'refused';
  readonly embedded?: boolean;
}) {
  const { m } = useI18n();
  const methods = useQuery(signInMethodsQuery);
  const throughProvider = methods.data?.includes('oidc') ?? false;
  const sentence =
    reason === 'signed-out'
      ? m.signIn.signedOut
      : reason === 'session'
        ? throughProvider
          ? m.signIn.sessionEndedProvider
          : m.signIn.sessionEnded
        : reason === 'unreadable'
          ? m.signIn.unreadable
          : reason === 'refused'
            ? undefined
            : throughProvider
              ? m.signIn.withProviderLead
              : m.signIn.noLink;
  return (
    <div className={embedded ? undefined : 'panel'}>
      {!embedded && <h1>{m.signIn.title}</h1>}
      {sentence && <p className="lead">{sentence}</p>}
      {throughProvider ? (
        <p>
          <a className="button primary" href={PROVIDER_SIGN_IN_PATH}>
            {m.signIn.withProvider}
          </a>
        </p>
      ) : (
        methods.isSuccess && (
          <>
            <p>{m.signIn.howTo}</p>
            <pre className="command">npm run cli -- token --sub &lt;…&gt; --roles &lt;…&gt; --link</pre>
          </>
        )
      )}
    </div>
  );
}
