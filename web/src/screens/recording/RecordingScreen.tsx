import { Link } from '@tanstack/react-router';
import { api, undocumented, type Answer } from '../../api/client';
import type { components } from '../../api/schema';
import { can, useSession } from '../../api/session';
import type { CommandAnswer } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import { Section } from '../../ui/common';
import { CheckboxField, CommandForm, DateTimeField, FormCheck, lines, SelectField, TextArea, TextField } from '../../ui/form';

type Schemas = components['schemas'];
const optional = (value: string | undefined) => (value ? value : undefined);

/** What clerks record: a case received, a visit planned and then conducted with its findings, a meeting with its attendees. */
export function RecordingScreen() {
  const { m } = useI18n();
  const { data: session } = useSession();
  return (
    <>
      <h1>{m.recording.title}</h1>
      {can(session, 'cases.receive') && <ReceiveCase />}
      {can(session, 'visits.record') && (
        <>
          <ScheduleVisit />
          <ConductVisit />
          <RecordFinding />
        </>
      )}
      {can(session, 'meetings.record') && <RecordMeeting />}
      {!can(session, 'cases.receive') && !can(session, 'visits.record') && !can(session, 'meetings.record') && (
        <p className="notice">{m.app.notAllowed}</p>
      )}
    </>
  );
}

function ReceiveCase() {
  const { m } = useI18n();
  return (
    <Section title={m.recording.receiveCase}>
      <CommandForm
        prepare={(values) => {
          const check = new FormCheck(values, m).required('unitId', 'category', 'channel', 'summary').maxLength('summary', 4000);
          const occurredAt = check.dateTime('occurredAt');
          if (!check.ok) return { errors: check.errors };
          const reporter = {
            name: optional(values['reporter.name']),
            phone: optional(values['reporter.phone']),
            address: optional(values['reporter.address']),
          };
          const body: Schemas['ReceiveCaseRequestDto'] = {
            unitId: values.unitId,
            category: values.category as Schemas['ReceiveCaseRequestDto']['category'],
            channel: values.channel as Schemas['ReceiveCaseRequestDto']['channel'],
            summary: values.summary,
            reporter: Object.values(reporter).some(Boolean) ? reporter : undefined,
            location: values['location.address'] ? { address: values['location.address'] } : undefined,
            referredFromUnitId: optional(values.referredFromUnitId),
            occurredAt,
          };
          return {
            send: (key) => undocumented<CommandAnswer>(api.POST('/api/v1/cases', { params: { header: { 'Idempotency-Key': key } }, body })),
          };
        }}
        successMessage={(answer) => {
          const caseId = String((answer as Answer<CommandAnswer>).body.caseId);
          return (
            <>
              {m.recording.received(caseId.slice(0, 8))}{' '}
              <Link to="/cases/$caseId" params={{ caseId }}>
                {m.recording.openIt}
              </Link>
            </>
          );
        }}
      >
        {(errors) => (
          <div className="form-grid">
            <TextField name="unitId" label={m.recording.unitId} required errors={errors} />
            <SelectField
              name="category"
              label={m.recording.category}
              required
              errors={errors}
              options={Object.entries(m.categories)}
              placeholder={m.actions.choose}
            />
            <SelectField
              name="channel"
              label={m.recording.channel}
              required
              errors={errors}
              options={Object.entries(m.channels).filter(([value]) => value !== 'inspection' && value !== 'other')}
              placeholder={m.actions.choose}
            />
            <TextField name="referredFromUnitId" label={m.recording.referredFromUnitId} errors={errors} />
            <div className="span-2">
              <TextArea name="summary" label={m.recording.summary} required errors={errors} rows={4} />
            </div>
            <TextField name="location.address" label={m.recording.locationAddress} errors={errors} />
            <DateTimeField name="occurredAt" label={m.actions.occurredAt} help={m.actions.occurredAtHelp} errors={errors} />
            <TextField name="reporter.name" label={m.recording.reporterName} errors={errors} help={m.recording.reporterHelp} />
            <TextField name="reporter.phone" label={m.recording.reporterPhone} errors={errors} />
            <TextField name="reporter.address" label={m.recording.reporterAddress} errors={errors} />
          </div>
        )}
      </CommandForm>
    </Section>
  );
}

function ScheduleVisit() {
  const { m } = useI18n();
  return (
    <Section title={m.recording.scheduleVisit}>
      <CommandForm
        prepare={(values) => {
          const check = new FormCheck(values, m)
            .required('kind', 'purpose', 'unitId', 'participants', 'plannedFor')
            .maxLength('purpose', 500);
          const plannedFor = check.dateTime('plannedFor');
          const occurredAt = check.dateTime('occurredAt');
          if (!check.ok) return { errors: check.errors };
          const body: Schemas['ScheduleVisitRequestDto'] = {
            visitId: optional(values.visitId),
            kind: values.kind as Schemas['ScheduleVisitRequestDto']['kind'],
            purpose: values.purpose,
            place: optional(values.place),
            unitId: values.unitId,
            participants: lines(values.participants),
            plannedFor: plannedFor!,
            publishedInCalendar: values.publishedInCalendar === 'true',
            occurredAt,
          };
          return {
            send: (key) =>
              undocumented<CommandAnswer>(api.POST('/api/v1/visits', { params: { header: { 'Idempotency-Key': key } }, body })),
          };
        }}
        successMessage={(answer) => m.recording.scheduled(String((answer as Answer<CommandAnswer>).body.visitId))}
      >
        {(errors) => (
          <div className="form-grid">
            <TextField name="visitId" label={m.recording.visitId} help={m.recording.visitIdHelp} errors={errors} />
            <SelectField
              name="kind"
              label={m.recording.kind}
              required
              errors={errors}
              options={Object.entries(m.visitKinds)}
              placeholder={m.actions.choose}
            />
            <TextField name="unitId" label={m.recording.unitId} required errors={errors} />
            <TextField name="place" label={m.recording.place} errors={errors} />
            <div className="span-2">
              <TextArea name="purpose" label={m.recording.purpose} required errors={errors} />
            </div>
            <TextArea name="participants" label={m.recording.participants} required errors={errors} />
            <DateTimeField name="plannedFor" label={m.recording.plannedFor} required errors={errors} />
            <CheckboxField name="publishedInCalendar" label={m.recording.published} />
            <DateTimeField name="occurredAt" label={m.actions.occurredAt} help={m.actions.occurredAtHelp} errors={errors} />
          </div>
        )}
      </CommandForm>
    </Section>
  );
}

function ConductVisit() {
  const { m } = useI18n();
  return (
    <Section title={m.recording.conductVisit}>
      <CommandForm
        prepare={(values) => {
          const check = new FormCheck(values, m).required('visitId', 'startedAt', 'endedAt', 'presentParticipants');
          const startedAt = check.dateTime('startedAt');
          const endedAt = check.dateTime('endedAt');
          const occurredAt = check.dateTime('occurredAt');
          if (!check.ok) return { errors: check.errors };
          const visitId = values.visitId;
          const body: Schemas['ConductVisitRequestDto'] = {
            startedAt: startedAt!,
            endedAt: endedAt!,
            presentParticipants: lines(values.presentParticipants),
            others: optional(values.others),
            occurredAt,
          };
          return {
            send: (key) =>
              undocumented<CommandAnswer>(
                api.POST('/api/v1/visits/{visitId}/conduct', { params: { path: { visitId }, header: { 'Idempotency-Key': key } }, body }),
              ),
          };
        }}
        successMessage={() => m.recording.conducted}
      >
        {(errors) => (
          <div className="form-grid">
            <TextField name="visitId" label={m.recording.visitId} required errors={errors} />
            <DateTimeField name="startedAt" label={m.recording.startedAt} required errors={errors} />
            <DateTimeField name="endedAt" label={m.recording.endedAt} required errors={errors} />
            <TextArea name="presentParticipants" label={m.recording.present} required errors={errors} />
            <TextArea name="others" label={m.recording.others} errors={errors} />
            <DateTimeField name="occurredAt" label={m.actions.occurredAt} help={m.actions.occurredAtHelp} errors={errors} />
          </div>
        )}
      </CommandForm>
    </Section>
  );
}

function RecordFinding() {
  const { m } = useI18n();
  return (
    <Section title={m.recording.finding}>
      <CommandForm
        prepare={(values) => {
          const check = new FormCheck(values, m).required('visitId', 'text').maxLength('text', 4000);
          if (values.openCase === 'true') check.required('openCase.category', 'openCase.summary');
          const occurredAt = check.dateTime('occurredAt');
          if (!check.ok) return { errors: check.errors };
          const visitId = values.visitId;
          const body: Schemas['RecordFindingRequestDto'] = {
            text: values.text,
            severity: optional(values.severity) as Schemas['RecordFindingRequestDto']['severity'],
            openCase:
              values.openCase === 'true'
                ? {
                    category: values['openCase.category'] as Schemas['OpenCaseFromFindingDto']['category'],
                    summary: values['openCase.summary'],
                  }
                : undefined,
            occurredAt,
          };
          return {
            send: (key) =>
              undocumented<CommandAnswer>(
                api.POST('/api/v1/visits/{visitId}/findings', { params: { path: { visitId }, header: { 'Idempotency-Key': key } }, body }),
              ),
          };
        }}
        successMessage={() => m.recording.findingRecorded}
      >
        {(errors) => (
          <div className="form-grid">
            <TextField name="visitId" label={m.recording.visitId} required errors={errors} />
            <SelectField
              name="severity"
              label={m.recording.severity}
              errors={errors}
              options={Object.entries(m.severities)}
              placeholder={m.actions.choose}
            />
            <div className="span-2">
              <TextArea name="text" label={m.recording.findingText} required errors={errors} />
            </div>
            <CheckboxField name="openCase" label={m.recording.openCase} />
            <SelectField
              name="openCase.category"
              label={m.recording.category}
              errors={errors}
              options={Object.entries(m.categories)}
              placeholder={m.actions.choose}
            />
            <div className="span-2">
              <TextArea name="openCase.summary" label={m.recording.summary} errors={errors} />
            </div>
            <DateTimeField name="occurredAt" label={m.actions.occurredAt} help={m.actions.occurredAtHelp} errors={errors} />
          </div>
        )}
      </CommandForm>
    </Section>
  );
}

function RecordMeeting() {
  const { m } = useI18n();
  return (
    <Section title={m.recording.meeting}>
      <CommandForm
        prepare={(values) => {
          const check = new FormCheck(values, m).required('unitId', 'kind', 'heldAt', 'attendees').maxLength('agendaSummary', 4000);
          const heldAt = check.dateTime('heldAt');
          if (!check.ok) return { errors: check.errors };
          const body: Schemas['RecordMeetingRequestDto'] = {
            meetingId: optional(values.meetingId),
            unitId: values.unitId,
            kind: values.kind as Schemas['RecordMeetingRequestDto']['kind'],
            heldAt: heldAt!,
            attendees: lines(values.attendees),
            agendaSummary: optional(values.agendaSummary),
          };
          return {
            send: (key) =>
              undocumented<CommandAnswer>(api.POST('/api/v1/meetings', { params: { header: { 'Idempotency-Key': key } }, body })),
          };
        }}
        successMessage={(answer) => m.recording.meetingRecorded(String((answer as Answer<CommandAnswer>).body.meetingId))}
      >
        {(errors) => (
          <div className="form-grid">
            <TextField name="meetingId" label={m.recording.meetingId} help={m.recording.visitIdHelp} errors={errors} />
            <TextField name="unitId" label={m.recording.unitId} required errors={errors} />
            <SelectField
              name="kind"
              label={m.recording.meetingKind}
              required
              errors={errors}
              options={Object.entries(m.meetingKinds)}
              placeholder={m.actions.choose}
            />
            <DateTimeField name="heldAt" label={m.recording.heldAt} required errors={errors} />
            <TextArea name="attendees" label={m.recording.attendees} required errors={errors} />
            <TextArea name="agendaSummary" label={m.recording.agenda} errors={errors} />
          </div>
        )}
      </CommandForm>
    </Section>
  );
}
