import { isAbsolute, resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'eventstoredb';

export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the folder holding the embedded store, keys and read models. */
  readonly dataDir: string;
  readonly store: StoreKind;
  /** Required when store is eventstoredb, e.g. esdb://localhost:2113?tls=false */
  readonly eventStoreConnectionString: string | undefined;
  readonly logLevel: LogLevel;
  readonly integrity: IntegrityConfig;
}

/** The Merkle log's signed checkpoints (issue 6). */
export interface IntegrityConfig {
  /** The log's name in every checkpoint and the signing key's name: a schema-less URL is recommended. */
  readonly origin: string;
  /** A checkpoint is signed this many minutes after the last one if events arrived since; 0: never by time. */
  readonly checkpointEveryMinutes: number;
  /** A checkpoint is signed once this many events arrived since the last one; 0: never by count. */
  readonly checkpointEveryEvents: number;
  /** A PKCS #8 PEM Ed25519 private key supplied by the operator; default: generated into the data folder. */
  readonly signingKeyFile: string | undefined;
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
const STORES: readonly StoreKind[] = ['sqlite', 'eventstoredb'];

export class ConfigurationError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting} ${message}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads the service's settings from the environment, refusing any bad value with a sentence that names it. */
export function loadLedgerConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): LedgerConfig {
  const store = oneOf('LEDGER_STORE', env.LEDGER_STORE, STORES, 'sqlite');
  const connectionString = nonEmpty(env.EVENTSTORE_CONNECTION_STRING);
  if (store === 'eventstoredb') {
    if (!connectionString) {
      throw new ConfigurationError('EVENTSTORE_CONNECTION_STRING', 'is required when LEDGER_STORE is eventstoredb (for example esdb://localhost:2113?tls=false).');
    }
    if (!/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/.+/.test(connectionString)) {
      throw new ConfigurationError('EVENTSTORE_CONNECTION_STRING', `must start with esdb:// or esdb+discover://, got "${connectionString}".`);
    }
  }
  const dataDir = nonEmpty(env.LEDGER_DATA_DIR) ?? './data';
  return {
    port: port('PORT', env.PORT, 3000),
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    store,
    eventStoreConnectionString: connectionString,
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'log'),
    integrity: integrityConfig(env, cwd),
  };
}

function integrityConfig(env: NodeJS.ProcessEnv, cwd: string): IntegrityConfig {
  const origin = nonEmpty(env.LEDGER_CHECKPOINT_ORIGIN) ?? 'accountability-ledger.local/log';
  if (/[\s+]/u.test(origin) || /[\u0000-\u001f]/.test(origin)) {
    throw new ConfigurationError('LEDGER_CHECKPOINT_ORIGIN', `must be a name without spaces or "+", such as ledger.example.gov.vn/log, got "${origin}".`);
  }
  const keyFile = nonEmpty(env.LEDGER_SIGNING_KEY_FILE);
  return {
    origin,
    checkpointEveryMinutes: wholeNumber('LEDGER_CHECKPOINT_EVERY_MINUTES', env.LEDGER_CHECKPOINT_EVERY_MINUTES, 10, 10_080),
    checkpointEveryEvents: wholeNumber('LEDGER_CHECKPOINT_EVERY_EVENTS', env.LEDGER_CHECKPOINT_EVERY_EVENTS, 1000, 100_000_000),
    signingKeyFile: keyFile === undefined ? undefined : isAbsolute(keyFile) ? keyFile : resolve(cwd, keyFile),
  };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, max: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new ConfigurationError(name, `must be a whole number from 0 to ${max.toLocaleString('en-US')}, got "${value}".`);
  }
  return Number(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function port(name: string, raw: string | undefined, fallback: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new ConfigurationError(name, `must be a whole number from 1 to 65535, got "${value}".`);
  }
  return Number(value);
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(name, `must be one of ${allowed.join(', ')}, got "${value}".`);
  }
  return value as T;
}
