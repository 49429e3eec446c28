import { api, undocumented, type Answer } from '../../api/client';
import type { components } from '../../api/schema';
import { can, useSession, type PermissionName } from '../../api/session';
import type { CaseView, CommandAnswer } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import type { Messages } from '../../i18n/messages.vi';
import { Section } from '../../ui/common';
import { CommandForm, DateTimeField, FormCheck, SelectField, TextArea, TextField, type FieldErrors, type FormValues } from '../../ui/form';

type Schemas = components['schemas'];
type Headers = { 'Idempotency-Key': string; 'If-Match': string };

interface FieldSpec {
  readonly name: string;
  readonly kind: 'text' | 'textarea' | 'datetime' | 'select';
  readonly required?: boolean;
  readonly max?: number;
  readonly options?: (m: Messages) => readonly (readonly [string, string])[];
  readonly help?: (m: Messages) => string;
}

interface ActionSpec<Body> {
  readonly key: keyof Messages['actions'];
  readonly permission: PermissionName;
  readonly offeredWhen: (state: CaseView) => boolean;
  readonly fields: readonly FieldSpec[];
  /** The request body, typed by the OpenAPI document's request schema. */
  readonly body: (values: FormValues, times: (name: string) => string | undefined) => Body;
  readonly post: (caseId: string, body: Body, headers: Headers) => Promise<Answer<CommandAnswer>>;
}

const open = (state: CaseView) => state.status === 'open';
const path = (caseId: string, headers: Headers) => ({ path: { caseId }, header: headers });
const optional = (value: string | undefined) => (value ? value : undefined);
const occurred: FieldSpec = { name: 'occurredAt', kind: 'datetime' };

const classificationOptions = (m: Messages) => Object.entries(m.classifications);
const complexityOptions = (m: Messages) => Object.entries(m.complexities);
const channelOptions = (m: Messages) => Object.entries(m.channels);

/**
 * The actions on a case, each one form. A form is offered when the permission matrix grants its
 * permission and the case's status allows it; the API decides in the end (scope, state, values).
 */
const ACTIONS: readonly ActionSpec<never>[] = [
  spec<Schemas['AcknowledgeCaseRequestDto']>({
    key: 'acknowledge',
    permission: 'cases.act',
    offeredWhen: (state) => open(state) && state.acknowledgedAt === null,
    fields: [{ name: 'note', kind: 'textarea', max: 2000 }, occurred],
    body: (v, t) => ({ note: optional(v.note), occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/acknowledgements', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['ClassifyCaseRequestDto']>({
    key: 'classify',
    permission: 'cases.act',
    offeredWhen: open,
    fields: [
      { name: 'classification', kind: 'select', required: true, options: classificationOptions },
      { name: 'reason', kind: 'textarea', required: true, max: 2000 },
      occurred,
    ],
    body: (v, t) => ({
      classification: v.classification as Schemas['ClassifyCaseRequestDto']['classification'],
      reason: v.reason,
      occurredAt: t('occurredAt'),
    }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/classifications', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['AssignCaseRequestDto']>({
    key: 'assign',
    permission: 'cases.act',
    offeredWhen: open,
    fields: [
      { name: 'officialId', kind: 'text', help: (m) => m.actions.assignToHelp },
      { name: 'unitId', kind: 'text' },
      { name: 'dueAt', kind: 'datetime', required: true },
      occurred,
    ],
    body: (v, t) => ({ officialId: optional(v.officialId), unitId: optional(v.unitId), dueAt: t('dueAt')!, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/assignments', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['RecordCaseActionRequestDto']>({
    key: 'recordAction',
    permission: 'cases.act',
    offeredWhen: open,
    fields: [{ name: 'description', kind: 'textarea', required: true, max: 4000 }, occurred],
    body: (v, t) => ({ description: v.description, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/actions', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['MarkCaseComplexRequestDto']>({
    key: 'markComplex',
    permission: 'cases.act',
    offeredWhen: (state) => open(state) && state.complexity !== 'especially-complex',
    fields: [
      { name: 'complexity', kind: 'select', required: true, options: complexityOptions },
      { name: 'reason', kind: 'textarea', required: true, max: 2000 },
      occurred,
    ],
    body: (v, t) => ({
      complexity: v.complexity as Schemas['MarkCaseComplexRequestDto']['complexity'],
      reason: v.reason,
      occurredAt: t('occurredAt'),
    }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/complexity-markings', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['ReportCaseUpwardRequestDto']>({
    key: 'reportUpward',
    permission: 'cases.act',
    offeredWhen: open,
    fields: [
      { name: 'officialId', kind: 'text', required: true },
      { name: 'toUnitId', kind: 'text', required: true },
      { name: 'summary', kind: 'textarea', max: 4000 },
      occurred,
    ],
    body: (v, t) => ({ officialId: v.officialId, toUnitId: v.toUnitId, summary: optional(v.summary), occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/upward-reports', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['ExtendCaseDeadlineRequestDto']>({
    key: 'extend',
    permission: 'cases.act',
    offeredWhen: (state) => open(state) && state.dueAt !== null,
    fields: [
      { name: 'newDueAt', kind: 'datetime', required: true },
      { name: 'reason', kind: 'textarea', required: true, max: 2000 },
      occurred,
    ],
    body: (v, t) => ({ newDueAt: t('newDueAt')!, reason: v.reason, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/deadline-extensions', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['ResolveCaseRequestDto']>({
    key: 'resolve',
    permission: 'cases.act',
    offeredWhen: open,
    fields: [{ name: 'outcome', kind: 'textarea', required: true, max: 4000 }, occurred],
    body: (v, t) => ({ outcome: v.outcome, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/resolutions', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['CloseCaseRequestDto']>({
    key: 'close',
    permission: 'cases.act',
    offeredWhen: (state) => state.status === 'resolved',
    fields: [{ name: 'note', kind: 'textarea', max: 2000 }, occurred],
    body: (v, t) => ({ note: optional(v.note), occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/closures', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['ReopenCaseRequestDto']>({
    key: 'reopen',
    permission: 'cases.act',
    offeredWhen: (state) => state.status !== 'open',
    fields: [{ name: 'reason', kind: 'textarea', required: true, max: 2000 }, occurred],
    body: (v, t) => ({ reason: v.reason, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/reopenings', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['EscalateCaseRequestDto']>({
    key: 'escalate',
    permission: 'cases.escalate',
    offeredWhen: open,
    fields: [{ name: 'toUnitId', kind: 'text', required: true }, { name: 'reason', kind: 'textarea', required: true, max: 2000 }, occurred],
    body: (v, t) => ({ toUnitId: v.toUnitId, reason: v.reason, occurredAt: t('occurredAt') }),
    post: (caseId, body, headers) => undocumented(api.POST('/api/v1/cases/{caseId}/escalations', { params: path(caseId, headers), body })),
  }),
  spec<Schemas['RecordUpperLevelInformedRequestDto']>({
    key: 'upperLevelInformed',
    permission: 'cases.escalate',
    offeredWhen: open,
    fields: [
      { name: 'unitId', kind: 'text', required: true },
      { name: 'channel', kind: 'select', required: true, options: channelOptions },
      { name: 'note', kind: 'textarea', max: 2000 },
      occurred,
    ],
    body: (v, t) => ({
      unitId: v.unitId,
      channel: v.channel as Schemas['RecordUpperLevelInformedRequestDto']['channel'],
      note: optional(v.note),
      occurredAt: t('occurredAt'),
    }),
    post: (caseId, body, headers) =>
      undocumented(api.POST('/api/v1/cases/{caseId}/upper-level-notices', { params: path(caseId, headers), body })),
  }),
];

/** Keeps each spec's body and post agreeing on one request type, then lets the list hold them side by side. */
function spec<Body>(action: ActionSpec<Body>): ActionSpec<never> {
  return action as unknown as ActionSpec<never>;
}

export function offeredActions(state: CaseView, permitted: (permission: PermissionName) => boolean): readonly ActionSpec<never>[] {
  return ACTIONS.filter((action) => permitted(action.permission) && action.offeredWhen(state));
}

export function CaseActions({
  state,
  etag,
  onDone,
}: {
  readonly state: CaseView;
  readonly etag: string;
  readonly onDone: (position: number | null) => void;
}) {
  const { m } = useI18n();
  const { data: session } = useSession();
  const offered = offeredActions(state, (permission) => can(session, permission));
  return (
    <Section title={m.cases.actions} help={m.cases.actionsHelp}>
      {offered.length === 0 ? (
        <p>{m.cases.noActions}</p>
      ) : (
        <div className="actions">
          {offered.map((action) => (
            <details key={action.key} className="action">
              <summary>{m.actions[action.key] as string}</summary>
              <ActionForm action={action} caseId={state.caseId} etag={etag} onDone={onDone} />
            </details>
          ))}
        </div>
      )}
    </Section>
  );
}

function ActionForm({
  action,
  caseId,
  etag,
  onDone,
}: {
  readonly action: ActionSpec<never>;
  readonly caseId: string;
  readonly etag: string;
  readonly onDone: (position: number | null) => void;
}) {
  const { m } = useI18n();
  return (
    <CommandForm
      prepare={(values) => {
        const check = new FormCheck(values, m).required(...action.fields.filter((field) => field.required).map((field) => field.name));
        for (const field of action.fields) if (field.max) check.maxLength(field.name, field.max);
        const times = Object.fromEntries(
          action.fields.filter((field) => field.kind === 'datetime').map((field) => [field.name, check.dateTime(field.name)]),
        );
        if (!check.ok) return { errors: check.errors };
        const body = action.body(values, (name) => times[name]);
        return { send: (key) => action.post(caseId, body, { 'Idempotency-Key': key, 'If-Match': etag }) };
      }}
      onDone={(answer) => onDone((answer as Answer<CommandAnswer>).position)}
    >
      {(errors) => action.fields.map((field) => <ActionField key={field.name} field={field} errors={errors} />)}
    </CommandForm>
  );
}

function ActionField({ field, errors }: { readonly field: FieldSpec; readonly errors: FieldErrors }) {
  const { m } = useI18n();
  const props = {
    name: field.name,
    label: field.name === 'occurredAt' ? m.actions.occurredAt : (m.actions.fields[field.name] ?? field.name),
    required: field.required,
    errors,
    help: field.name === 'occurredAt' ? m.actions.occurredAtHelp : field.help?.(m),
  };
  switch (field.kind) {
    case 'textarea':
      return <TextArea {...props} />;
    case 'datetime':
      return <DateTimeField {...props} />;
    case 'select':
      return <SelectField {...props} options={field.options?.(m) ?? []} placeholder={m.actions.choose} />;
    case 'text':
      return <TextField {...props} />;
    default: {
      const unhandled: never = field.kind;
      return unhandled;
    }
  }
}
