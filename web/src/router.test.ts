import { describe, expect, it } from 'vitest';
// The service's list of the paths it answers with the console (src/console/console-sections.ts).
import { CONSOLE_SECTIONS } from '../../src/console/console-sections';
import { routeTree } from './router';

describe("the console's routes", () => {
  it('are all answered by the service with the console, so any address can be opened directly or reloaded', () => {
    const paths = (routeTree.children as readonly { options: { path?: string } }[]).map((route) => route.options.path ?? '');
    const sections = [...new Set(paths.map((path) => path.split('/').filter(Boolean)[0]).filter(Boolean))].sort();
    expect(sections).toEqual([...CONSOLE_SECTIONS].sort());
  });
});
