import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PERMISSIONS, type Scope } from '../../src/auth/permissions.js';
import { ROLES } from '../../src/auth/principal.js';

const CELL: Record<Scope, string> = { any: 'yes', unit: 'own units', self: 'own' };

describe("the README's permission matrix", () => {
  it('says exactly what src/auth/permissions.ts grants', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const header = readme.split('\n').find((line) => line.startsWith('| permission | routes |'))!;
    expect(
      header
        .split('|')
        .slice(3, -1)
        .map((cell) => cell.trim()),
    ).toEqual([...ROLES]);
    const rows = Object.fromEntries(
      readme
        .split('\n')
        .filter((line) => /^\| `[a-z0-9.-]+` \|/.test(line))
        .map((line) => {
          const cells = line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim());
          return [cells[0]!.replaceAll('`', ''), cells.slice(-ROLES.length)];
        }),
    );
    const expected = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([name, permission]) => [
        name,
        ROLES.map((role) => CELL[(permission.grants as Partial<Record<string, Scope>>)[role]!] ?? '–'),
      ]),
    );
    expect(rows).toEqual(expected);
  });
});
