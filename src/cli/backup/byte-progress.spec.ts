import { ByteProgress } from './byte-progress.js';

const MIB = 1024 * 1024;

describe('the progress of a large file', () => {
  it('writes a plain line every 2 s to a pipe: done of total, rate, time left', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new ByteProgress({ write: (text: string) => lines.push(text) }, 'events.db: copying', () => now);
    now = 500;
    progress.update(10 * MIB, 100 * MIB); // within the first interval: nothing
    now = 2000;
    progress.update(40 * MIB, 100 * MIB, ' (started over once: the service wrote meanwhile)');
    now = 3000;
    progress.update(60 * MIB, 100 * MIB); // within the interval again
    expect(lines).toEqual([
      'events.db: copying: 40.0 of 100.0 MiB (40.0%), 20.0 MiB/s, about 3 s left (started over once: the service wrote meanwhile)\n',
    ]);
  });

  it('redraws one line ten times a second on a terminal, and clears it at the end', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new ByteProgress({ write: (text: string) => written.push(text), isTTY: true }, 'keys.db: copying', () => now);
    now = 100;
    progress.update(1 * MIB, 4 * MIB);
    now = 200;
    progress.update(2 * MIB, 4 * MIB);
    progress.finish();
    expect(written).toEqual([
      '\r\x1b[2Kkeys.db: copying: 1.0 of 4.0 MiB (25.0%), 10.0 MiB/s, about 1 s left',
      '\r\x1b[2Kkeys.db: copying: 2.0 of 4.0 MiB (50.0%), 10.0 MiB/s, about 1 s left',
      '\r\x1b[2K',
    ]);
  });
});
