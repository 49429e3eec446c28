import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ConfigurationError, loadLedgerConfig, type LogLevel } from './config/ledger.config.js';
import { HttpServerLifecycle } from './http/http-server-lifecycle.js';
import { secureDataFolder } from './ledger/data-folder.js';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadLedgerConfig(process.env);
  const logger = new ConsoleLogger({ json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) });
  // Everything the service creates (databases, their -wal and -shm, secrets, keys, photos) is its owner's alone.
  process.umask(0o077);
  for (const tightened of secureDataFolder(config.dataDir))
    logger.warn({ message: 'Data folder permissions were looser than owner-only; tightened', path: tightened }, 'Bootstrap');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    abortOnError: false,
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  configureApp(app);
  const http = new HttpServerLifecycle(app.getHttpServer() as Server, config.http);
  await app.listen(config.port, config.host);
  logger.log({ message: 'Ledger listening', port: config.port, store: config.store, dataDir: config.dataDir }, 'Bootstrap');

  // Our own signal handling rather than Nest's shutdown hooks, which re-raise the signal (no exit
  // code) and close the server only once every keep-alive client has gone, which under traffic is never.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const graceMs = config.http.shutdownGraceSeconds * 1000;
    logger.log(
      { message: 'Stopping', signal, requestsInFlight: http.requestsInFlight, graceSeconds: config.http.shutdownGraceSeconds },
      'Shutdown',
    );
    const cutShort = setTimeout(() => {
      logger.error({ message: 'Grace period over: closing every connection left', requestsInFlight: http.requestsInFlight }, 'Shutdown');
      http.forceClose();
      process.exit(1);
    }, graceMs);
    try {
      await http.drain();
      await app.close(); // projections, the Merkle log, the stores: each module's shutdown hook
      clearTimeout(cutShort);
      logger.log({ message: 'Stopped', afterMs: Date.now() - started }, 'Shutdown');
      process.exit(0);
    } catch (error) {
      logger.error(
        { message: 'The service did not stop cleanly', error: error instanceof Error ? error.message : String(error) },
        'Shutdown',
      );
      process.exit(1);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, (received: NodeJS.Signals) => void stop(received));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`The ledger could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
