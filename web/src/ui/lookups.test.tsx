import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The typed client keeps the fetch it was created with: stand in for the service before it is imported.
const asked = vi.hoisted(() => {
  const urls: string[] = [];
  globalThis.fetch = (async (input: Request | string) => {
    const url = typeof input === 'string' ? input : input.url;
    urls.push(url);
    const items = new URL(url).searchParams.get('q') === 'gia tan' ? [{ unitId: 'gia-tan', name: 'Xã Gia Tân' }] : [];
    return new Response(JSON.stringify({ items, nextAfter: null, next: null }), { headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return urls;
});

const { renderScreen } = await import('../test-render');
const { LookupInput } = await import('./lookups');

const session = (permissions: Record<string, string>) => ({ subject: 's', roles: ['inspector'], units: 'all', permissions });

describe('a unit box that suggests as one types', () => {
  it('suggests the units whose name holds the words typed, without their accents, keeping the id as the value', async () => {
    renderScreen(() => <LookupInput id="unit" kind="units" aria-label="Đơn vị" />, { session: session({ 'directory.read': 'any' }) });
    fireEvent.change(await screen.findByLabelText('Đơn vị'), { target: { value: 'gia tan' } });
    await waitFor(() => expect(document.querySelector('#unit-suggestions option')).not.toBeNull());
    const option = document.querySelector<HTMLOptionElement>('#unit-suggestions option')!;
    expect(option.value).toBe('gia-tan');
    expect(option.textContent).toBe('Xã Gia Tân');
    expect(asked.some((url) => url.includes('/api/v1/units?q=gia+tan') || url.includes('/api/v1/units?q=gia%20tan'))).toBe(true);
  });

  it('asks nothing of a reader without the directory permission', async () => {
    asked.length = 0;
    renderScreen(() => <LookupInput id="unit2" kind="units" aria-label="Đơn vị 2" />, { session: session({}) });
    fireEvent.change(await screen.findByLabelText('Đơn vị 2'), { target: { value: 'gia tan' } });
    await new Promise((wait) => setTimeout(wait, 50));
    expect(asked).toEqual([]);
  });
});
