import type { ReactNode } from 'react';

export interface Bar {
  readonly key: string;
  readonly label: ReactNode;
  /** 0..max */
  readonly value: number;
  readonly valueText: string;
  readonly tone?: 'good' | 'bad' | 'warn' | 'neutral';
}

/**
 * A horizontal bar chart drawn with the page's own elements: it needs no script library and no
 * network, reads out as a list to a screen reader, prints as sharp vectors, and each label can be a
 * link to the events behind its bar. Loaded lazily, on the screens that show one.
 */
export default function BarChart({ bars, max, title }: { readonly bars: readonly Bar[]; readonly max: number; readonly title: string }) {
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <ul>
        {bars.map((bar) => (
          <li key={bar.key}>
            <span className="bar-label">{bar.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span
                className={`bar-fill bar-${bar.tone ?? 'neutral'}`}
                style={{ width: `${max > 0 ? Math.max(0, Math.min(100, (bar.value / max) * 100)) : 0}%` }}
              />
            </span>
            <span className="bar-value">{bar.valueText}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
