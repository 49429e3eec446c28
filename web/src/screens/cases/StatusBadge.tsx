import { useI18n } from '../../i18n/i18n';
import { Badge, label, type Tone } from '../../ui/common';

const CASE_TONES: Record<string, Tone> = { open: 'warn', resolved: 'good', closed: 'neutral' };

export function StatusBadge({ status }: { readonly status: string }) {
  const { m } = useI18n();
  return <Badge tone={CASE_TONES[status] ?? 'neutral'}>{label(m.caseStatus, status)}</Badge>;
}

const DEADLINE_TONES: Record<string, Tone> = { met: 'good', missed: 'bad', overdue: 'bad', open: 'warn' };

export function DeadlineBadge({ status }: { readonly status: string }) {
  const { m } = useI18n();
  return <Badge tone={DEADLINE_TONES[status] ?? 'neutral'}>{label(m.deadlineStatus, status)}</Badge>;
}
