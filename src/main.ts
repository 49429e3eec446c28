import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigurationError, loadLedgerConfig, type LogLevel } from './config/ledger.config.js';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadLedgerConfig(process.env);
  const logger = new ConsoleLogger({ json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    abortOnError: false,
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  configureApp(app);
  await app.listen(config.port, config.host);
  logger.log({ message: 'Ledger listening', port: config.port, store: config.store, dataDir: config.dataDir }, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`The ledger could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
