import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { parseDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.vi';
import { ErrorNotice } from './common';

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly errors?: FieldErrors;
  readonly required?: boolean;
}

function FieldFrame({ name, label, help, errors, required, children }: FieldProps & { readonly children: (ids: FieldIds) => ReactNode }) {
  const id = useId();
  const problems = errors?.[name] ?? [];
  const ids: FieldIds = {
    id,
    describedBy: [help ? `${id}-help` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
    invalid: problems.length > 0,
  };
  return (
    <div className={`field${problems.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children(ids)}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {problems.length > 0 && (
        <p className="field-error" id={`${id}-error`}>
          {problems.join(' ')}
        </p>
      )}
    </div>
  );
}

interface FieldIds {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

export function TextField(
  props: FieldProps & { readonly defaultValue?: string; readonly placeholder?: string; readonly inputMode?: 'numeric' | 'text' },
) {
  return (
    <FieldFrame {...props}>
      {(ids) => (
        <input
          id={ids.id}
          name={props.name}
          defaultValue={props.defaultValue}
          placeholder={props.placeholder}
          inputMode={props.inputMode}
          required={props.required}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          autoComplete="off"
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { readonly defaultValue?: string; readonly rows?: number }) {
  return (
    <FieldFrame {...props}>
      {(ids) => (
        <textarea
          id={ids.id}
          name={props.name}
          defaultValue={props.defaultValue}
          rows={props.rows ?? 3}
          required={props.required}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & {
    readonly options: readonly (readonly [string, string])[];
    readonly defaultValue?: string;
    readonly placeholder?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      {(ids) => (
        <select
          id={ids.id}
          name={props.name}
          defaultValue={props.defaultValue ?? ''}
          required={props.required}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({ name, label }: { readonly name: string; readonly label: string }) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input type="checkbox" id={id} name={name} value="true" />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A date-time typed as people in Vietnam write it (dd/mm/yyyy hh:mm), read as Vietnam time. */
export function DateTimeField(props: FieldProps & { readonly defaultValue?: string }) {
  const { m } = useI18n();
  return <TextField {...props} placeholder="dd/mm/yyyy hh:mm" inputMode="text" help={props.help ?? m.app.timeZoneNote} />;
}

/** What a form's fields hold, read from the form element. */
export type FormValues = Readonly<Record<string, string>>;

export function readForm(form: HTMLFormElement): FormValues {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form).entries()) if (typeof value === 'string') values[name] = value.trim();
  return values;
}

/** Client-side checks, so most mistakes are explained before a request is sent; the API checks again. */
export class FormCheck {
  readonly errors: Record<string, string[]> = {};

  constructor(
    private readonly values: FormValues,
    private readonly m: Messages,
  ) {}

  required(...names: string[]): this {
    for (const name of names) if (!this.values[name]) this.add(name, this.m.validation.required);
    return this;
  }

  maxLength(name: string, max: number): this {
    if ((this.values[name] ?? '').length > max) this.add(name, this.m.validation.tooLong(max));
    return this;
  }

  /** An optional or required dd/mm/yyyy hh:mm; its ISO value, or undefined when empty. */
  dateTime(name: string): string | undefined {
    const text = this.values[name];
    if (!text) return undefined;
    const iso = parseDateTime(text);
    if (!iso) this.add(name, this.m.validation.dateTime);
    return iso;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  private add(name: string, message: string): void {
    (this.errors[name] ??= []).push(message);
  }
}

export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export type Submission = { readonly errors: FieldErrors } | { readonly send: (idempotencyKey: string) => Promise<unknown> };

/**
 * A form that records something: client-side checks, then the request with an Idempotency-Key that
 * stays the same while the same content is re-sent (a double click or a retry records once), and the
 * API's per-field refusals shown next to their fields in the reader's language.
 */
export function CommandForm({
  title,
  submitLabel,
  prepare,
  onDone,
  children,
  successMessage,
}: {
  readonly title?: string;
  readonly submitLabel?: string;
  readonly prepare: (values: FormValues, m: Messages) => Submission;
  readonly onDone?: (answer: unknown) => void;
  readonly children: (errors: FieldErrors) => ReactNode;
  readonly successMessage?: (answer: unknown) => ReactNode;
}) {
  const { m, field } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<{ value: unknown } | undefined>();
  const attempt = useRef<{ key: string; content: string } | undefined>(undefined);
  const headingId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form);
    setAnswer(undefined);
    setFailure(undefined);
    const prepared = prepare(values, m);
    if ('errors' in prepared) {
      setErrors(prepared.errors);
      return;
    }
    setErrors({});
    const content = JSON.stringify(values);
    if (attempt.current?.content !== content) attempt.current = { key: crypto.randomUUID(), content };
    setPending(true);
    try {
      const value = await prepared.send(attempt.current.key);
      attempt.current = undefined;
      setAnswer({ value });
      form.reset();
      onDone?.(value);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(Object.fromEntries(error.fields.map((problem) => [problem.field, problem.messages.map(field)])));
      }
      setFailure(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="command-form" onSubmit={submit} noValidate aria-labelledby={title ? headingId : undefined}>
      {title && <h3 id={headingId}>{title}</h3>}
      {Object.keys(errors).length > 0 && !failure && (
        <p className="notice notice-error" role="alert">
          {m.actions.formHasErrors}
        </p>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {children(errors)}
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? m.actions.submitting : (submitLabel ?? m.actions.submit)}
        </button>
      </div>
      {answer && (
        <p className="notice notice-ok" role="status">
          {successMessage ? successMessage(answer.value) : m.actions.done}
        </p>
      )}
    </form>
  );
}
