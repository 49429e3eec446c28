// Writes the service's OpenAPI document to a file without starting the service: the application is
// built in NestJS's preview mode (modules and routes, no provider instantiated, so no store, key or
// port is opened). The console's typed client is generated from this file during `npm run build`.
// The demo seeder's client is typed by the same file (src/demo/ledger-client.ts).
// Usage: node scripts/write-openapi-document.mjs <output.json> [compiled folder, dist by default]
//   (after `nest build`, or after the tsc run of npm run seed:demo, which compiles into dist-tools)
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';

const output = process.argv[2];
if (!output) {
  process.stderr.write('usage: node scripts/write-openapi-document.mjs <output.json> [compiled folder]\n');
  process.exit(2);
}
const dist = resolve(import.meta.dirname, '..', process.argv[3] ?? 'dist');
const { AppModule } = await import(join(dist, 'app.module.js'));
const { apiDocument } = await import(join(dist, 'http', 'api-document.js'));
const { loadLedgerConfig } = await import(join(dist, 'config', 'ledger.config.js'));

// The default settings, on a folder nothing will create: preview mode opens no file.
const config = loadLedgerConfig({ LEDGER_DATA_DIR: join(tmpdir(), 'ledger-openapi-preview-never-created') });
const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
const document = apiDocument(app);
await app.close();
mkdirSync(dirname(resolve(output)), { recursive: true });
writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`OpenAPI document: ${Object.keys(document.paths).length} paths written to ${output}\n`);
