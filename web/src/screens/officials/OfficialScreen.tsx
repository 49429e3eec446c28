import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { api, undocumented } from '../../api/client';
import type { OfficialView, ReviewView, VisitOutcome } from '../../api/views';
import { formatDate, parseDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Badge, DateTime, Day, Definitions, ErrorNotice, Figure, label, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { DutyGrid } from './DutyGrid';

const route = getRouteApi('/officials/$officialId');
const OUTCOMES: readonly VisitOutcome[] = ['conducted', 'absent', 'cancelled', 'planned'];

/** This year in Vietnam, from 1 January to today: the period a review opens with. */
function defaultPeriod(now = new Date()): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export function OfficialScreen() {
  return (
    <RequirePermission permission="officials.review">
      <OfficialReports />
    </RequirePermission>
  );
}

function OfficialReports() {
  const { m } = useI18n();
  const { officialId } = route.useParams();
  const search = route.useSearch();
  const period = { ...defaultPeriod(), ...search };
  const official = useQuery({
    queryKey: ['official', officialId],
    queryFn: async () =>
      (await undocumented<OfficialView>(api.GET('/api/v1/officials/{officialId}', { params: { path: { officialId } } }))).body,
  });
  const review = useQuery({
    queryKey: ['official', officialId, 'review', period.from, period.to],
    queryFn: async () =>
      (
        await undocumented<ReviewView>(
          api.GET('/api/v1/officials/{officialId}/review', {
            params: { path: { officialId }, query: { from: period.from, to: period.to } },
          }),
        )
      ).body,
  });
  if (official.error instanceof ApiError && official.error.status === 404) return <p className="notice">{m.official.notFound}</p>;
  const name = official.data?.fullName ?? officialId;
  return (
    <article>
      <h1>{m.official.title(name)}</h1>
      {official.data && (
        <Definitions
          items={[
            [m.official.officialId, <code key="id">{officialId}</code>],
            [m.official.position, official.data.position],
            [m.official.unit, official.data.unitId],
          ]}
        />
      )}
      <PeriodForm officialId={officialId} from={period.from} to={period.to} />
      {review.isPending ? (
        <Loading />
      ) : review.error ? (
        <ErrorNotice error={review.error} onRetry={() => review.refetch()} />
      ) : (
        <ReviewBody review={review.data} />
      )}
    </article>
  );
}

function PeriodForm({ officialId, from, to }: { readonly officialId: string; readonly from: string; readonly to: string }) {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = { from: parseDate(String(data.get('from'))), to: parseDate(String(data.get('to'))) };
    const problems = Object.fromEntries(
      Object.entries(parsed)
        .filter(([, value]) => !value)
        .map(([key]) => [key, m.validation.date]),
    );
    setErrors(problems);
    if (Object.keys(problems).length === 0) void navigate({ to: '/officials/$officialId', params: { officialId }, search: parsed });
  }
  return (
    <form className="panel inline-form" onSubmit={submit} noValidate aria-label={m.official.period}>
      {(['from', 'to'] as const).map((name) => (
        <div key={name} className={`field${errors[name] ? ' field-invalid' : ''}`}>
          <label htmlFor={`period-${name}`}>{m.official[name]}</label>
          <input
            id={`period-${name}`}
            name={name}
            defaultValue={formatDate(name === 'from' ? from : to)}
            placeholder="dd/mm/yyyy"
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={errors[name] ? `period-${name}-error` : undefined}
          />
          {errors[name] && (
            <p className="field-error" id={`period-${name}-error`}>
              {errors[name]}
            </p>
          )}
        </div>
      ))}
      <button type="submit">{m.official.apply}</button>
    </form>
  );
}

function ReviewBody({ review }: { readonly review: ReviewView }) {
  const { m } = useI18n();
  return (
    <>
      <Section title={m.official.assignments}>
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.evaluation.unit}</th>
                <th scope="col">{m.official.role}</th>
                <th scope="col">{m.official.since}</th>
                <th scope="col">{m.official.until}</th>
                <th scope="col">{m.official.inCharge}</th>
                <th scope="col">{m.cases.evidence}</th>
              </tr>
            </thead>
            <tbody>
              {review.assignments.map((assignment) => (
                <tr key={assignment.assignmentId}>
                  <th scope="row">{assignment.unitId}</th>
                  <td>{label(m.responsibilityRoles, assignment.role)}</td>
                  <td>
                    <Day value={assignment.from} />
                  </td>
                  <td>{assignment.to ? <Day value={assignment.to} /> : m.official.current}</td>
                  <td>{assignment.inCharge ? m.app.yes : m.app.no}</td>
                  <td>
                    <Figure figure={{ count: assignment.evidence.length, evidence: assignment.evidence }} label={m.official.assignments} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={m.official.duty} help={m.official.dutyHelp} id="duty">
        <p>
          <strong>{m.indicators.monthsMissed}: </strong>
          <Figure figure={review.monthsMissed} label={m.indicators.monthsMissed} />
        </p>
        <DutyGrid attendance={review.attendance} />
      </Section>
      <Section title={m.official.visits}>
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.evaluation.unit}</th>
                <th scope="col">{m.official.kind}</th>
                {OUTCOMES.map((outcome) => (
                  <th scope="col" key={outcome}>
                    {label(m.visitOutcomes, outcome)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {review.visits.flatMap((row) =>
                (['periodic', 'unscheduled'] as const).map((kind) => (
                  <tr key={`${row.assignmentId ?? 'elsewhere'}:${kind}`}>
                    <th scope="row">{row.unitId ?? m.official.visitsElsewhere}</th>
                    <td>{label(m.visitKinds, kind)}</td>
                    {OUTCOMES.map((outcome) => (
                      <td key={outcome}>
                        <Figure
                          figure={row.counts[kind][outcome]}
                          label={`${label(m.visitKinds, kind)} ${label(m.visitOutcomes, outcome)}`}
                        />
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
        <Link
          to="/visits"
          search={{
            participantId: review.officialId,
            from: review.period.from.slice(0, 10),
            to: review.period.to.slice(0, 10),
            sort: 'plannedFor',
          }}
        >
          {m.unitWork.seeAllVisits}
        </Link>
      </Section>
      <Section title={m.official.preemptions}>
        {review.preemptions.matters.length === 0 ? (
          <p>{m.official.preemptionsNone}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.cases.caseId}</th>
                  <th scope="col">{m.evaluation.unit}</th>
                  <th scope="col">{m.official.informedAt}</th>
                  <th scope="col">{m.official.firstReportedAt}</th>
                  <th scope="col">{m.cases.evidence}</th>
                </tr>
              </thead>
              <tbody>
                {review.preemptions.matters.map((matter) => (
                  <tr key={matter.caseId}>
                    <th scope="row">
                      <CaseLink caseId={matter.caseId} />
                    </th>
                    <td>{matter.unitId}</td>
                    <td>
                      <DateTime value={matter.upperLevelInformedAt} />
                    </td>
                    <td>
                      <DateTime value={matter.firstReportedAt} />
                    </td>
                    <td>
                      <Figure figure={{ count: matter.evidence.length, evidence: matter.evidence }} label={m.official.preemptions} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title={m.official.mustReport}>
        {review.mustReport.matters.filter((matter) => matter.status === 'late' || matter.status === 'never').length === 0 ? (
          <p>{m.official.mustReportNone}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.cases.caseId}</th>
                  <th scope="col">{m.cases.category}</th>
                  <th scope="col">{m.cases.receivedAt}</th>
                  <th scope="col">{m.cases.dueAt}</th>
                  <th scope="col">{m.official.reportedAt}</th>
                  <th scope="col">{m.cases.deadlineStatus}</th>
                  <th scope="col">{m.cases.evidence}</th>
                </tr>
              </thead>
              <tbody>
                {review.mustReport.matters
                  .filter((matter) => matter.status === 'late' || matter.status === 'never')
                  .map((matter) => (
                    <tr key={matter.caseId}>
                      <th scope="row">
                        <CaseLink caseId={matter.caseId} />
                      </th>
                      <td>{label(m.categories, matter.category)}</td>
                      <td>
                        <DateTime value={matter.receivedAt} />
                      </td>
                      <td>
                        <DateTime value={matter.dueAt} />
                      </td>
                      <td>
                        <DateTime value={matter.reportedAt} />
                      </td>
                      <td>
                        <Badge tone="bad">{label(m.upwardStatus, matter.status)}</Badge>
                      </td>
                      <td>
                        <Figure figure={{ count: matter.evidence.length, evidence: matter.evidence }} label={m.official.mustReport} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title={m.official.casesHandled}>
        <p className="figures">
          {(['on-time', 'late', 'overdue', 'open'] as const).map((timeliness) => (
            <span key={timeliness}>
              {label(m.timeliness, timeliness)}:{' '}
              <Figure figure={review.casesHandled.byTimeliness[timeliness]} label={label(m.timeliness, timeliness)} />
            </span>
          ))}
        </p>
        {review.casesHandled.cases.length === 0 ? (
          <p>{m.official.casesNone}</p>
        ) : (
          <ul className="case-list">
            {review.casesHandled.cases.map((handled) => (
              <li key={handled.caseId}>
                <CaseLink caseId={handled.caseId} />{' '}
                <Badge tone={handled.timeliness === 'on-time' ? 'good' : handled.timeliness === 'open' ? 'warn' : 'bad'}>
                  {label(m.timeliness, handled.timeliness)}
                </Badge>{' '}
                {handled.dueAt && (
                  <>
                    {m.cases.dueAt}: <DateTime value={handled.dueAt} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function CaseLink({ caseId }: { readonly caseId: string }) {
  return (
    <Link to="/cases/$caseId" params={{ caseId }}>
      <code>{caseId.slice(0, 8)}</code>
    </Link>
  );
}
