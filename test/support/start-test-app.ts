import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real application, configured as main.ts configures it, on a fresh temporary data folder. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir, ...env });
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { logger: false, abortOnError: false }));
  await app.init();
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
