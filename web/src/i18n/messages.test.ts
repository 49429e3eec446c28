import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { vi } from './messages.vi';

function shape(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}:${typeof value}`];
  return Object.entries(value)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, child]) => shape(child, `${path}.${key}`));
}

describe('the two languages', () => {
  it('say the same things: every label, including those of dictionaries keyed by the API’s values, exists in both', () => {
    expect(shape(en)).toEqual(shape(vi));
  });

  it('leave no label empty', () => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string'
        ? value.trim()
          ? []
          : [path]
        : typeof value === 'object' && value !== null
          ? Object.entries(value).flatMap(([key, child]) => empty(child, `${path}.${key}`))
          : [];
    expect([...empty(vi, 'vi'), ...empty(en, 'en')]).toEqual([]);
  });
});
