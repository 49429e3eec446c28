import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ApiError } from '../../api/api-error';
import { api, undocumented } from '../../api/client';
import { can, useSession } from '../../api/session';
import type { AuditEntry, AuditPage, MeetingView, VisitView } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import { DateTime, Definitions, ErrorNotice, label, Loading, Section } from '../../ui/common';
import { StreamLink } from '../audit/AuditScreen';
import { inclusionProof } from '../integrity/integrity-queries';

const route = getRouteApi('/events/$eventId');

/**
 * One event as evidence. Until the API answers an event by its id, the console finds its global
 * position through its inclusion proof and reads the audit trail at that position.
 */
export function EventScreen() {
  const { m } = useI18n();
  const { eventId } = route.useParams();
  const { data: session } = useSession();
  const oversight = can(session, 'oversight.read');
  const proof = useQuery({ queryKey: ['event', eventId, 'proof'], queryFn: () => inclusionProof(eventId) });
  const entry = useQuery({
    queryKey: ['event', eventId, 'audit'],
    enabled: oversight && proof.data !== undefined,
    queryFn: async () => {
      const page = (
        await undocumented<AuditPage>(api.GET('/api/v1/audit', { params: { query: { after: proof.data!.globalPosition - 1, limit: 1 } } }))
      ).body;
      return page.entries.find((candidate) => candidate.eventId === eventId) ?? null;
    },
  });
  return (
    <article>
      <h1>{m.event.title}</h1>
      <Definitions items={[[m.event.eventId, <code key="id">{eventId}</code>]]} />
      {proof.isPending ? (
        <Loading />
      ) : proof.error ? (
        proof.error instanceof ApiError && proof.error.status === 404 ? (
          <p className="notice">{m.event.notLogged}</p>
        ) : (
          <ErrorNotice error={proof.error} onRetry={() => proof.refetch()} />
        )
      ) : !oversight ? (
        <p className="notice">{m.event.needsAudit}</p>
      ) : entry.isPending ? (
        <Loading />
      ) : entry.error ? (
        <ErrorNotice error={entry.error} />
      ) : entry.data ? (
        <EventDetail entry={entry.data} />
      ) : (
        <p className="notice">{m.event.notLogged}</p>
      )}
      <p>
        <Link to="/integrity" search={{ eventId }} className="button">
          {m.event.verifyInclusion}
        </Link>
      </p>
    </article>
  );
}

function EventDetail({ entry }: { readonly entry: AuditEntry }) {
  const { m } = useI18n();
  return (
    <>
      <Section title={label(m.eventTypes, entry.type)}>
        <Definitions
          items={[
            [m.cases.eventType, `${label(m.eventTypes, entry.type)} (${entry.type})`],
            [m.audit.stream, <StreamLink key="stream" entry={entry} />],
            [m.audit.revision, entry.streamRevision],
            [m.audit.position, entry.globalPosition],
            [m.cases.occurredAt, <DateTime key="occurred" value={entry.occurredAt} />],
            [m.cases.recordedAt, <DateTime key="recorded" value={entry.recordedAt} />],
            [m.cases.actor, entry.actor],
            [m.audit.correlation, <code key="correlation">{entry.correlationId}</code>],
            [
              m.audit.hash,
              <code key="hash" className="wrap">
                {entry.hash}
              </code>,
            ],
            [
              m.audit.previousHash,
              <code key="previous" className="wrap">
                {entry.previousHash ?? '–'}
              </code>,
            ],
          ]}
        />
      </Section>
      {entry.aggregate.category === 'meeting' && <MeetingDetail meetingId={entry.aggregate.id} />}
      {entry.aggregate.category === 'visit' && <VisitDetail visitId={entry.aggregate.id} />}
    </>
  );
}

function MeetingDetail({ meetingId }: { readonly meetingId: string }) {
  const { m } = useI18n();
  const meeting = useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: async () =>
      (await undocumented<MeetingView>(api.GET('/api/v1/meetings/{meetingId}', { params: { path: { meetingId } } }))).body,
  });
  if (meeting.isPending) return <Loading />;
  if (meeting.error) return <ErrorNotice error={meeting.error} />;
  return (
    <Section title={`${m.event.meeting} ${meetingId}`}>
      <Definitions
        items={[
          [m.recording.meetingKind, label(m.meetingKinds, meeting.data.kind)],
          [m.recording.unitId, meeting.data.unitId],
          [m.recording.heldAt, <DateTime key="held" value={meeting.data.heldAt} />],
          [m.event.attendees, <OfficialLinks key="attendees" ids={meeting.data.attendees} />],
        ]}
      />
    </Section>
  );
}

function VisitDetail({ visitId }: { readonly visitId: string }) {
  const { m } = useI18n();
  const visit = useQuery({
    queryKey: ['visit', visitId],
    queryFn: async () => (await undocumented<VisitView>(api.GET('/api/v1/visits/{visitId}', { params: { path: { visitId } } }))).body,
  });
  if (visit.isPending) return <Loading />;
  if (visit.error) return <ErrorNotice error={visit.error} />;
  return (
    <Section title={`${m.event.visit} ${visitId}`}>
      <Definitions
        items={[
          [m.recording.kind, label(m.visitKinds, visit.data.kind)],
          [m.recording.purpose, visit.data.purpose],
          [m.recording.unitId, visit.data.unitId],
          [m.recording.plannedFor, <DateTime key="planned" value={visit.data.plannedFor} />],
          [m.event.participants, <OfficialLinks key="participants" ids={visit.data.participants} />],
        ]}
      />
    </Section>
  );
}

function OfficialLinks({ ids }: { readonly ids: readonly string[] }) {
  return (
    <ul className="evidence-inline">
      {ids.map((officialId) => (
        <li key={officialId}>
          <Link to="/officials/$officialId" params={{ officialId }}>
            {officialId}
          </Link>
        </li>
      ))}
    </ul>
  );
}
