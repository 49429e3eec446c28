import { useI18n } from '../../i18n/i18n';

/** Why there is no session, and how to get one: a link from `ledger token ... --link`. */
export function SignedOut({
  reason,
  embedded,
}: {
  readonly reason: 'signed-out' | 'session' | 'no-link' | 'unreadable';
  readonly embedded?: boolean;
}) {
  const { m } = useI18n();
  const sentence =
    reason === 'signed-out'
      ? m.signIn.signedOut
      : reason === 'session'
        ? m.signIn.sessionEnded
        : reason === 'unreadable'
          ? m.signIn.unreadable
          : m.signIn.noLink;
  return (
    <div className={embedded ? undefined : 'panel'}>
      {!embedded && <h1>{m.signIn.title}</h1>}
      <p className="lead">{sentence}</p>
      <p>{m.signIn.howTo}</p>
      <pre className="command">npm run cli -- token --sub &lt;…&gt; --roles &lt;…&gt; --link</pre>
    </div>
  );
}
