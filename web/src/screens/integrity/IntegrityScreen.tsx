import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { api, undocumented } from '../../api/client';
import { can, useSession } from '../../api/session';
import type { CheckpointView, ConsistencyProofView, VerificationReportView } from '../../api/views';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Messages } from '../../i18n/messages.vi';
import { checkConsistency, checkInclusion, type Verdict } from '../../integrity/verify';
import { noteFromInput, parseCheckpointBody } from '../../integrity/signed-note';
import { Badge, DateTime, Definitions, ErrorNotice, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { inclusionProof, integrityStatusQuery, latestCheckpointQuery } from './integrity-queries';

const route = getRouteApi('/integrity');

export function IntegrityScreen() {
  const { m } = useI18n();
  const { data: session } = useSession();
  return (
    <RequirePermission permission="integrity.read">
      <h1>{m.integrity.title}</h1>
      <LatestCheckpoint canSign={can(session, 'integrity.checkpoint')} />
      {can(session, 'integrity.verify') && <FullVerification />}
      <InBrowserChecks />
    </RequirePermission>
  );
}

function download(checkpoint: CheckpointView) {
  // The same JSON the API answers: `ledger verify-proof --checkpoint` reads it as it is.
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(checkpoint, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `checkpoint-${checkpoint.treeSize}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function LatestCheckpoint({ canSign }: { readonly canSign: boolean }) {
  const { m, language } = useI18n();
  const queryClient = useQueryClient();
  const checkpoint = useQuery(latestCheckpointQuery);
  const status = useQuery(integrityStatusQuery);
  const sign = useMutation({
    mutationFn: async () => (await undocumented<CheckpointView>(api.POST('/api/v1/integrity/checkpoints'))).body,
    onSuccess: (signed) => {
      queryClient.setQueryData(latestCheckpointQuery.queryKey, signed);
      void queryClient.invalidateQueries({ queryKey: ['integrity', 'status'] });
    },
  });
  return (
    <Section title={m.integrity.latest}>
      {checkpoint.isPending ? (
        <Loading />
      ) : checkpoint.error ? (
        <ErrorNotice error={checkpoint.error} onRetry={() => checkpoint.refetch()} />
      ) : checkpoint.data === null ? (
        <p>{m.integrity.none}</p>
      ) : (
        <>
          <Definitions
            items={[
              [m.integrity.treeSize, formatNumber(checkpoint.data.treeSize, language)],
              [
                m.integrity.rootHash,
                <code key="root" className="wrap">
                  {checkpoint.data.rootHash}
                </code>,
              ],
              [m.integrity.signedAt, <DateTime key="at" value={checkpoint.data.signedAt} />],
              [m.integrity.origin, checkpoint.data.origin],
              [
                m.integrity.verifierKey,
                <span key="key">
                  <code className="wrap">{checkpoint.data.verifierKey}</code>
                  <br />
                  <span className="muted">{m.integrity.verifierKeyWarning}</span>
                </span>,
              ],
            ]}
          />
          <pre className="note" aria-label={m.integrity.latest}>
            {checkpoint.data.note}
          </pre>
        </>
      )}
      {status.data && (
        <p>
          <strong>{m.integrity.status}: </strong>
          {m.integrity.state(status.data.state, status.data.treeSize)}
        </p>
      )}
      <div className="toolbar">
        {checkpoint.data && (
          <button type="button" onClick={() => download(checkpoint.data!)}>
            {m.integrity.download}
          </button>
        )}
        {canSign && (
          <button type="button" onClick={() => sign.mutate()} disabled={sign.isPending}>
            {m.integrity.signNow}
          </button>
        )}
      </div>
      {sign.error && <ErrorNotice error={sign.error} />}
    </Section>
  );
}

function FullVerification() {
  const { m } = useI18n();
  const run = useMutation({
    mutationFn: async () => (await undocumented<VerificationReportView>(api.GET('/api/v1/integrity/verification'))).body,
  });
  return (
    <Section title={m.integrity.verification} help={m.integrity.verificationHelp}>
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
        {m.integrity.runVerification}
      </button>
      {run.isPending && <Loading />}
      {run.error && <ErrorNotice error={run.error} />}
      {run.data && (
        <p role="status" className={`notice ${run.data.ok ? 'notice-ok' : 'notice-error'}`}>
          {run.data.ok ? (
            m.integrity.verificationOk(run.data.eventsChecked, run.data.streamsChecked)
          ) : (
            <>
              <strong>{m.integrity.verificationFailed}</strong>: {run.data.firstProblem?.message}
            </>
          )}
        </p>
      )}
    </Section>
  );
}

function verdictSentence(verdict: Verdict, m: Messages, success: string): { ok: boolean; text: string } {
  if (verdict.ok) return { ok: true, text: success };
  switch (verdict.reason) {
    case 'bad-key':
      return { ok: false, text: m.integrity.badKey };
    case 'bad-checkpoint':
      return { ok: false, text: m.integrity.badCheckpoint };
    case 'bad-signature':
      return { ok: false, text: m.integrity.badSignature };
    case 'no-ed25519':
      return { ok: false, text: m.integrity.noEd25519 };
    case 'size-mismatch':
      return { ok: false, text: m.integrity.notIncluded };
    case 'proof-fails':
      return { ok: false, text: m.integrity.notIncluded };
    default: {
      const unhandled: never = verdict.reason;
      return unhandled;
    }
  }
}

/** The checks a reader runs in the browser, trusting only what they paste: their checkpoint and the operator's key. */
function InBrowserChecks() {
  const { m } = useI18n();
  const { eventId } = route.useSearch();
  const [key, setKey] = useState('');
  const keyId = useId();
  return (
    <Section title={m.integrity.inBrowser} help={m.integrity.inBrowserHelp}>
      <div className="field">
        <label htmlFor={keyId}>{m.integrity.keyInput}</label>
        <input
          id={keyId}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="<name>+<key id>+<key>"
        />
      </div>
      <InclusionCheck verifierKey={key} initialEventId={eventId} />
      <ConsistencyCheck verifierKey={key} />
    </Section>
  );
}

function Result({ result }: { readonly result?: { ok: boolean; text: string } }) {
  if (!result) return null;
  return (
    <p role="status" className={`notice ${result.ok ? 'notice-ok' : 'notice-error'} verdict`}>
      <Badge tone={result.ok ? 'good' : 'bad'}>{result.ok ? 'OK' : '✗'}</Badge> {result.text}
    </p>
  );
}

function InclusionCheck({ verifierKey, initialEventId }: { readonly verifierKey: string; readonly initialEventId?: string }) {
  const { m } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [failure, setFailure] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const id = useId();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const checkpointText = String(data.get('checkpoint') ?? '');
    const eventId = String(data.get('eventId') ?? '').trim();
    setResult(undefined);
    setFailure(undefined);
    let treeSize: number;
    try {
      // Read unverified only to ask the server for a proof of this size; checkInclusion verifies the signature.
      const note = noteFromInput(checkpointText);
      treeSize = parseCheckpointBody(note.slice(0, note.lastIndexOf('\n\n') + 1)).treeSize;
    } catch {
      return setResult({ ok: false, text: m.integrity.badCheckpoint });
    }
    setPending(true);
    try {
      const proof = await inclusionProof(eventId, treeSize);
      const verdict = await checkInclusion(proof, checkpointText, verifierKey);
      setResult(verdictSentence(verdict, m, m.integrity.included(eventId, treeSize)));
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={submit} className="command-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{m.event.verifyInclusion}</h3>
      <div className="field">
        <label htmlFor={`${id}-checkpoint`}>{m.integrity.checkpointInput}</label>
        <textarea id={`${id}-checkpoint`} name="checkpoint" rows={6} spellCheck={false} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-event`}>{m.integrity.eventInput}</label>
        <input id={`${id}-event`} name="eventId" defaultValue={initialEventId} autoComplete="off" spellCheck={false} required />
      </div>
      <p className="help">{m.integrity.leafNote}</p>
      <button type="submit" disabled={pending}>
        {m.integrity.checkInclusion}
      </button>
      {failure !== undefined && <ErrorNotice error={failure} />}
      <Result result={result} />
    </form>
  );
}

function ConsistencyCheck({ verifierKey }: { readonly verifierKey: string }) {
  const { m } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [failure, setFailure] = useState<unknown>();
  const id = useId();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const olderText = String(new FormData(event.currentTarget).get('older') ?? '');
    setResult(undefined);
    setFailure(undefined);
    try {
      const note = noteFromInput(olderText);
      const fromSize = parseCheckpointBody(note.slice(0, note.lastIndexOf('\n\n') + 1)).treeSize;
      const latest = (await undocumented<CheckpointView>(api.GET('/api/v1/integrity/checkpoint'))).body;
      const proof = (
        await undocumented<ConsistencyProofView>(
          api.GET('/api/v1/integrity/proofs/consistency', { params: { query: { from: fromSize, to: latest.treeSize } } }),
        )
      ).body;
      const verdict = await checkConsistency(proof, olderText, latest.note, verifierKey);
      setResult(verdictSentence(verdict, m, m.integrity.consistent(fromSize, latest.treeSize)));
    } catch (error) {
      if (error instanceof Error && error.name === 'NoteError') setResult({ ok: false, text: m.integrity.badCheckpoint });
      else setFailure(error);
    }
  }
  return (
    <form onSubmit={submit} className="command-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{m.integrity.consistency}</h3>
      <p className="help">{m.integrity.consistencyHelp}</p>
      <div className="field">
        <label htmlFor={`${id}-older`}>{m.integrity.olderInput}</label>
        <textarea id={`${id}-older`} name="older" rows={6} spellCheck={false} required />
      </div>
      <button type="submit">{m.integrity.checkConsistency}</button>
      {failure !== undefined && <ErrorNotice error={failure} />}
      <Result result={result} />
    </form>
  );
}
