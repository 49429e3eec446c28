import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { embeddedSecret } from '../../src/auth/jwt/embedded-secret.js';
import { ROLES, type Role } from '../../src/auth/principal.js';
import { testToken } from './test-tokens.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';

export type Http = ReturnType<typeof request>;

export interface TestApp {
  readonly app: INestApplication;
  readonly dataDir: string;
  /** Requests with a token holding every role for every unit, subject "test-superuser". */
  readonly http: Http;
  /** Requests with no token at all. */
  readonly anonymous: Http;
  /** A token of the app's data folder. */
  token(subject: string, roles: readonly Role[], units?: readonly string[] | 'all'): string;
  /** Requests with that token. */
  as(subject: string, roles: readonly Role[], units?: readonly string[] | 'all'): Http;
  close(): Promise<void>;
}

export const SUPERUSER = 'test-superuser';

/**
 * The real application, configured as main.ts configures it, on a fresh temporary data folder (removed
 * by close()), or on the folder given (kept, so a test can start the application on it again).
 */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: { dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir, ...env });
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { logger: false, abortOnError: false, bodyParser: false }));
  await app.init();
  const token = (subject: string, roles: readonly Role[], units: readonly string[] | 'all' = []) =>
    testToken(embeddedSecret(dataDir), { subject, roles, units, ttlSeconds: 3600 });
  const as = (subject: string, roles: readonly Role[], units: readonly string[] | 'all' = []) =>
    withToken(request.agent(app.getHttpServer()), token(subject, roles, units));
  return {
    app,
    dataDir,
    http: as(SUPERUSER, ROLES, 'all'),
    anonymous: request(app.getHttpServer()),
    token,
    as,
    async close() {
      await app.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withToken(agent: ReturnType<typeof request.agent>, token: string): Http {
  return agent.set('Authorization', `Bearer ${token}`) as unknown as Http;
}
