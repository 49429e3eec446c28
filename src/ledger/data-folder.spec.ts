import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateFile, secureDataFolder } from './data-folder.js';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the data folder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'data-folder-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('creates private files 0600 whatever the umask, and leaves an existing file as it is', () => {
    const previous = process.umask(0o022);
    try {
      const file = join(parent, 'created.db');
      createPrivateFile(file);
      expect(modeOf(file)).toBe('600');
      writeFileSync(file, 'content');
      createPrivateFile(file);
      expect(modeOf(file)).toBe('600');
    } finally {
      process.umask(previous);
    }
  });

  it('creates a missing folder 0700 and names nothing it had to tighten', () => {
    const folder = join(parent, 'new', 'data');
    expect(secureDataFolder(folder)).toEqual([]);
    expect(modeOf(folder)).toBe('700');
  });

  it('tightens what others could read, write or enter, and names each path', () => {
    const folder = join(parent, 'loose');
    mkdirSync(join(folder, 'media'), { recursive: true });
    writeFileSync(join(folder, 'events.db'), '');
    writeFileSync(join(folder, 'keys.db'), '');
    chmodSync(folder, 0o755);
    chmodSync(join(folder, 'media'), 0o777);
    chmodSync(join(folder, 'events.db'), 0o644);
    chmodSync(join(folder, 'keys.db'), 0o600);
    expect(secureDataFolder(folder)).toEqual([
      `${folder} was 0755, now 0700`,
      `${join(folder, 'events.db')} was 0644, now 0600`,
      `${join(folder, 'media')} was 0777, now 0700`,
    ]);
    expect([modeOf(folder), modeOf(join(folder, 'media')), modeOf(join(folder, 'events.db')), modeOf(join(folder, 'keys.db'))]).toEqual([
      '700',
      '700',
      '600',
      '600',
    ]);
  });
});
