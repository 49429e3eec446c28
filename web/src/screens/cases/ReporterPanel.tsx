import type { Reporter } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import { Definitions, Section } from '../../ui/common';

/** The reporter as the disclosure rules let this reader see them: in plaintext (the read is recorded), redacted, erased or anonymous. */
export function ReporterPanel({ reporter }: { readonly reporter: Reporter }) {
  const { m } = useI18n();
  if (reporter === null)
    return (
      <Section title={m.cases.reporter}>
        <p>{m.cases.reporterAnonymous}</p>
      </Section>
    );
  if ('redacted' in reporter)
    return (
      <Section title={m.cases.reporter}>
        <p>{reporter.reason === 'erased' ? m.cases.reporterErased : m.cases.reporterHidden}</p>
      </Section>
    );
  const fields = (['name', 'phone', 'email', 'address', 'identityNumber'] as const).filter((field) => reporter[field]);
  return (
    <Section title={m.cases.reporter} help={m.cases.reporterReadRecorded}>
      <Definitions items={fields.map((field) => [m.cases.reporterFields[field] ?? field, reporter[field]])} />
    </Section>
  );
}
