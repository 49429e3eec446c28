// node --expose-gc bench/integrity/compare/side-by-side.mjs <rounds> <roundMs> <label>=<dist-bench folder> ...
//
// Two (or more) compiled trees' AppendsWithLog in one process: 1 and 64 writers, log off and on, each
// tree's own worker, all phases in a rotating order each round, so that the machine's drift (shared cores,
// the disk's fsync latency) falls on every tree alike. The ratio is the median of the per-round ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
const [rounds, roundMs, ...builds] = process.argv.slice(2);
const folder = mkdtempSync(join(tmpdir(), 'merkle-side-by-side-'));
const phases = [];
for (const spec of builds) {
  const [label, root] = spec.split('=');
  const { AppendsWithLog } = await import(join(root, 'bench/integrity/append-with-log.js'));
  for (const writers of [1, 64])
    for (const on of [false, true])
      phases.push({
        label,
        writers,
        on,
        bench: new AppendsWithLog(folder, `${label}-${writers}-${on ? 'on' : 'off'}`, writers, on),
        results: [],
      });
}
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const loads = [loadavg()[0]];
for (const p of phases) await p.bench.run(400);
for (let r = 0; r < Number(rounds); r++) {
  for (let s = 0; s < phases.length; s++) {
    const p = phases[(r + s) % phases.length];
    globalThis.gc?.();
    p.results.push(await p.bench.run(Number(roundMs)));
  }
  loads.push(loadavg()[0]);
  const line = [];
  for (const label of new Set(phases.map((p) => p.label)))
    for (const w of [1, 64]) {
      const off = phases.find((p) => p.label === label && p.writers === w && !p.on).results[r];
      const on = phases.find((p) => p.label === label && p.writers === w && p.on).results[r];
      line.push(`${label} ${w}w ${Math.round(off.perSecond)}/${Math.round(on.perSecond)}=${(on.perSecond / off.perSecond).toFixed(2)}`);
    }
  console.log(`round ${r + 1}: ${line.join('  ')}  load ${loadavg()[0].toFixed(1)}`);
}
console.log(
  `\nmedians over ${rounds} rounds of ${roundMs} ms; load average (1 min) ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
);
for (const label of new Set(phases.map((p) => p.label)))
  for (const w of [1, 64]) {
    const off = phases.find((p) => p.label === label && p.writers === w && !p.on);
    const on = phases.find((p) => p.label === label && p.writers === w && p.on);
    const ratios = off.results.map((o, i) => on.results[i].perSecond / o.perSecond);
    console.log(
      `${label.padEnd(8)} ${String(w).padStart(2)} writers: off ${Math.round(median(off.results.map((x) => x.perSecond)))}/s  on ${Math.round(median(on.results.map((x) => x.perSecond)))}/s  ratio ${median(ratios).toFixed(2)}  cpu us/event ${median(off.results.map((x) => x.cpuMicrosPerEvent)).toFixed(0)}/${median(on.results.map((x) => x.cpuMicrosPerEvent)).toFixed(0)}  lag ${median(on.results.map((x) => x.logLagMs)).toFixed(0)} ms`,
    );
  }
for (const p of phases) await p.bench.close();
rmSync(folder, { recursive: true, force: true });
