import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Open a case by its id, as given on paper or by phone. */
export function CaseIdBox() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const caseId = String(new FormData(event.currentTarget).get('caseId') ?? '').trim();
    if (!/^[A-Za-z0-9-]{1,80}$/.test(caseId)) return setError(m.validation.invalid);
    void navigate({ to: '/cases/$caseId', params: { caseId } });
  }
  return (
    <form className="panel inline-form" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{m.cases.caseId}</label>
        <input
          id={id}
          name="caseId"
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
      <button type="submit">{m.cases.openCase}</button>
    </form>
  );
}
