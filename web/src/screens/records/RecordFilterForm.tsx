import { Link } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatDate, parseDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { LookupInput } from '../../ui/lookups';

export type FilterSpec =
  | { readonly name: string; readonly label: string; readonly kind: 'units' }
  | { readonly name: string; readonly label: string; readonly kind: 'officials' }
  | { readonly name: string; readonly label: string; readonly kind: 'day' }
  | { readonly name: string; readonly label: string; readonly kind: 'checkbox' }
  | {
      readonly name: string;
      readonly label: string;
      readonly kind: 'select';
      readonly options: readonly (readonly [string, string])[];
      readonly any?: boolean;
    };

/**
 * A list's filters as a form: ids with suggestions, days as people in Vietnam write them (dd/mm/yyyy),
 * choices and flags. On submit it hands the raw values (days as YYYY-MM-DD) to the screen, which keeps
 * them in the address; a day or an id it cannot read is shown in place instead.
 */
export function RecordFilterForm({
  specs,
  values,
  onApply,
  clear,
  idPrefix,
}: {
  readonly specs: readonly FilterSpec[];
  readonly values: Readonly<Record<string, unknown>>;
  readonly onApply: (raw: Record<string, unknown>) => Record<string, string>;
  readonly clear: '/visits' | '/meetings';
  readonly idPrefix: string;
}) {
  const { m } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    for (const spec of specs) {
      const given = String(data.get(spec.name) ?? '').trim();
      if (spec.kind === 'checkbox') raw[spec.name] = data.get(spec.name) === 'on' || undefined;
      else if (given === '') continue;
      else if (spec.kind === 'day') {
        raw[spec.name] = parseDate(given);
        if (raw[spec.name] === undefined) problems[spec.name] = m.validation.date;
      } else raw[spec.name] = given;
    }
    if (Object.keys(problems).length === 0) Object.assign(problems, onApply(raw));
    setErrors(problems);
  }
  return (
    <form className="panel filters" onSubmit={submit} noValidate aria-label={m.records.filters}>
      <div className="filter-grid">
        {specs.map((spec) => (
          <FilterField key={spec.name} spec={spec} value={values[spec.name]} error={errors[spec.name]} idPrefix={idPrefix} />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit">{m.records.apply}</button>
        <Link to={clear} search={{}} className="button">
          {m.records.clear}
        </Link>
      </div>
    </form>
  );
}

function FilterField({
  spec,
  value,
  error,
  idPrefix,
}: {
  readonly spec: FilterSpec;
  readonly value: unknown;
  readonly error: string | undefined;
  readonly idPrefix: string;
}) {
  const { m } = useI18n();
  const id = `${idPrefix}-${spec.name}`;
  const given = typeof value === 'string' ? value : undefined;
  if (spec.kind === 'checkbox')
    return (
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" name={spec.name} defaultChecked={value === true} /> {spec.label}
        </label>
      </div>
    );
  const props = { id, name: spec.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
  let control: ReactNode;
  if (spec.kind === 'units' || spec.kind === 'officials')
    control = <LookupInput {...props} kind={spec.kind} autoComplete="off" defaultValue={given} />;
  else if (spec.kind === 'day')
    control = (
      <input {...props} type="text" inputMode="numeric" autoComplete="off" placeholder="dd/mm/yyyy" defaultValue={formatDate(given)} />
    );
  else
    control = (
      <select {...props} defaultValue={given ?? (spec.any === false ? spec.options[0]?.[0] : '')}>
        {spec.any !== false && <option value="">{m.records.any}</option>}
        {spec.options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    );
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
