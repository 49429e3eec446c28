import { Link } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n';

export function NotFound() {
  const { m } = useI18n();
  return (
    <div className="panel">
      <h1>{m.app.noSuchPage}</h1>
      <p>
        <Link to="/">{m.nav.overview}</Link>
      </p>
    </div>
  );
}
