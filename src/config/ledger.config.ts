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
  };
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
