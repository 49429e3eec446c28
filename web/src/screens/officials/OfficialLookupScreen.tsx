import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { RequirePermission } from '../../ui/Shell';

/** Officials: open one's responsibility review by id (the list of officials joins here with the list read models). */
export function OfficialLookupScreen() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const officialId = String(new FormData(event.currentTarget).get('officialId') ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(officialId)) return setError(m.validation.idFormat);
    void navigate({ to: '/officials/$officialId', params: { officialId } });
  }
  return (
    <RequirePermission permission="officials.review">
      <h1>{m.official.lookupTitle}</h1>
      <form className="panel inline-form" onSubmit={submit} noValidate>
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor={id}>{m.official.officialId}</label>
          <input
            id={id}
            name="officialId"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error && (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="submit">{m.official.open}</button>
      </form>
    </RequirePermission>
  );
}
