import { useI18n } from '../../i18n/i18n';
import { EventLink, label } from '../../ui/common';

/** A visit's or a meeting's history: each event by its kind, a link to its evidence page. */
export function EventTrail({ events }: { readonly events: readonly { readonly eventId: string; readonly type: string }[] }) {
  const { m } = useI18n();
  return (
    <ul className="evidence-inline">
      {events.map((event) => (
        <li key={event.eventId}>
          <EventLink eventId={event.eventId}>{label(m.eventTypes, event.type)}</EventLink>
        </li>
      ))}
    </ul>
  );
}
