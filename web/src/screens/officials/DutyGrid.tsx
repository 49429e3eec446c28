import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { MonthOfAttendance, ReviewView } from '../../api/views';
import { formatMonth } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Badge, EventLink, label, type Tone } from '../../ui/common';
import { monthPeriod } from '../records/record-filters';

const TONES: Record<string, Tone> = { met: 'good', missed: 'bad', 'no-meeting-held': 'neutral', open: 'warn', 'no-rule': 'neutral' };

/**
 * The monthly duty, month by unit: each cell says met, missed, no meeting held or no duty, and opens the
 * meetings (and the assignment) it was judged from.
 */
export function DutyGrid({ attendance }: { readonly attendance: ReviewView['attendance'] }) {
  const { m } = useI18n();
  const [selected, setSelected] = useState<{ unitId: string; month: MonthOfAttendance }>();
  const months = [...new Set(attendance.flatMap((row) => row.months.map((month) => month.month)))].sort();
  if (attendance.length === 0) return <p>{m.app.none}</p>;
  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table className="duty-grid">
          <thead>
            <tr>
              <th scope="col">{m.evaluation.unit}</th>
              {months.map((month) => (
                <th scope="col" key={month}>
                  {formatMonth(month)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attendance.map((row) => (
              <tr key={row.assignmentId}>
                <th scope="row">
                  {row.unitId}
                  {row.monthsMissed.length > 0 && <span className="muted"> · {m.official.monthsMissed(row.monthsMissed.length)}</span>}
                </th>
                {months.map((month) => {
                  const cell = row.months.find((candidate) => candidate.month === month);
                  if (!cell) return <td key={month} />;
                  const isSelected = selected?.month === cell;
                  return (
                    <td key={month} className={`duty-cell duty-${cell.status}`}>
                      <button
                        type="button"
                        aria-pressed={isSelected}
                        aria-label={`${row.unitId}, ${formatMonth(month)}: ${label(m.monthStatus, cell.status)}`}
                        onClick={() => setSelected(isSelected ? undefined : { unitId: row.unitId, month: cell })}
                      >
                        <Badge tone={TONES[cell.status] ?? 'neutral'}>{label(m.monthStatus, cell.status)}</Badge>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && <CellMeetings unitId={selected.unitId} month={selected.month} />}
    </>
  );
}

function CellMeetings({ unitId, month }: { readonly unitId: string; readonly month: MonthOfAttendance }) {
  const { m } = useI18n();
  return (
    <div className="cell-detail" role="region" aria-live="polite" aria-label={m.official.meetingsBehind}>
      <h3>
        {m.official.meetingsBehind}: {unitId}, {formatMonth(month.month)}
      </h3>
      <p>
        {label(m.monthStatus, month.status)} · {m.official.daysInCharge(month.daysInCharge)}
      </p>
      <dl className="definitions">
        <div>
          <dt>{m.official.committee}</dt>
          <dd>
            <EventList ids={month.committeeMeetings.evidence} empty={m.official.noMeeting} />
          </dd>
        </div>
        <div>
          <dt>{m.official.cell}</dt>
          <dd>
            <EventList ids={month.cellMeetings.evidence} empty={m.official.noMeeting} />
          </dd>
        </div>
        {month.missing.length > 0 && (
          <div>
            <dt>{m.official.missing}</dt>
            <dd>{month.missing.map((kind) => label(m.meetingKinds, kind)).join(', ')}</dd>
          </div>
        )}
        {month.parts
          .filter((part) => part.status === 'no-meeting-held')
          .map((part) => (
            <div key={part.kind}>
              <dt>
                {m.monthStatus['no-meeting-held']}: {label(m.meetingKinds, part.kind)}
              </dt>
              <dd>{part.notMetBy.join(', ')}</dd>
            </div>
          ))}
        <div>
          <dt>{m.cases.evidence}</dt>
          <dd>
            <EventList ids={month.evidence} empty={m.app.none} />
          </dd>
        </div>
      </dl>
      <Link to="/meetings" search={{ unitId, below: true, ...monthPeriod(month.month), sort: 'heldAt' }}>
        {m.records.meetingsOfCell}
      </Link>
    </div>
  );
}

function EventList({ ids, empty }: { readonly ids: readonly string[]; readonly empty: string }) {
  if (ids.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="evidence-inline">
      {ids.map((id) => (
        <li key={id}>
          <EventLink eventId={id} />
        </li>
      ))}
    </ul>
  );
}
