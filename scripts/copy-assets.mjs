// Copies the data files the service reads at run time (holidays, default response rules) next to
// the compiled code in the given folder: tsc compiles only TypeScript. `nest build` does the same for
// dist/ through the assets of nest-cli.json; keep the two lists alike.
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node scripts/copy-assets.mjs <outDir>');
for (const asset of ['calendar/holidays', 'policies/default-rules.json']) {
  cpSync(join('src', asset), join(outDir, asset), { recursive: true });
}
