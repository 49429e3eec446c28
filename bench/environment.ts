import { mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly betterSqlite3: string;
  readonly sqlite: string;
  readonly benchFolder: string;
  readonly filesystem: string;
  readonly device: string;
}

/**
 * A fresh folder for the bench's database files, on disk: `.bench-data/` at the project root
 * (gitignored) unless BENCH_DIR says otherwise. Never /dev/shm: an fsync on tmpfs costs nothing and
 * would make every durable figure meaningless (the bench warns if the folder is on tmpfs anyway).
 */
export function makeBenchFolder(projectRoot: string): string {
  const parent = resolve(process.env.BENCH_DIR ?? join(projectRoot, '.bench-data'));
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'run-'));
}

export function describeMachine(benchFolder: string): Machine {
  const require = createRequire(import.meta.url);
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version;
  memory.close();
  const mount = mountOf(benchFolder);
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
    sqlite,
    benchFolder,
    filesystem: mount.type,
    device: mount.device,
  };
}

/** The mount (from /proc/mounts, Linux only) that holds a path: the longest mount point prefix. */
function mountOf(path: string): { type: string; device: string } {
  try {
    const real = realpathSync(path);
    let best = { point: '', type: 'unknown', device: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device, point, type] = line.split(' ');
      if (!point || !type) continue;
      const inside = real === point || real.startsWith(point.endsWith('/') ? point : `${point}/`);
      if (inside && point.length > best.point.length) best = { point, type, device };
    }
    return best;
  } catch {
    return { type: 'unknown', device: 'unknown' };
  }
}
