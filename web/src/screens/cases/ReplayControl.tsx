import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { formatDateTime, parseDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

/** Shows the case as of any moment, by recorded or by occurred time; the choice lives in the address, so it can be shared. */
export function ReplayControl({
  caseId,
  asOf,
  by,
}: {
  readonly caseId: string;
  readonly asOf?: string;
  readonly by: 'recorded' | 'occurred';
}) {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const iso = parseDateTime(String(data.get('asOf') ?? ''));
    if (!iso) return setError(m.validation.dateTime);
    setError(undefined);
    void navigate({ to: '/cases/$caseId', params: { caseId }, search: { asOf: iso, by: String(data.get('by')) } });
  }

  return (
    <form className="replay panel" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{m.cases.replay}</h2>
      <p className="help">{m.cases.replayHelp}</p>
      <div className="inline-fields">
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-asof`}>{m.cases.asOf}</label>
          <input
            id={`${id}-asof`}
            name="asOf"
            placeholder="dd/mm/yyyy hh:mm"
            defaultValue={asOf ? formatDateTime(asOf) : ''}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          />
          <p className="help" id={`${id}-help`}>
            {m.app.timeZoneNote}
          </p>
          {error && (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <fieldset className="field">
          <legend>{m.cases.by}</legend>
          <label>
            <input type="radio" name="by" value="recorded" defaultChecked={by === 'recorded'} /> {m.cases.byRecorded}
          </label>
          <label>
            <input type="radio" name="by" value="occurred" defaultChecked={by === 'occurred'} /> {m.cases.byOccurred}
          </label>
        </fieldset>
        <div className="form-actions">
          <button type="submit">{m.cases.showReplay}</button>
          {asOf && (
            <button type="button" onClick={() => void navigate({ to: '/cases/$caseId', params: { caseId }, search: {} })}>
              {m.cases.backToNow}
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
