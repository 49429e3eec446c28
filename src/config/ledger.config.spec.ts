import { ConfigurationError, loadLedgerConfig } from './ledger.config.js';

describe('loadLedgerConfig', () => {
  it('runs with no configuration: port 3000, ./data, the embedded store', () => {
    expect(loadLedgerConfig({}, '/srv/ledger')).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/ledger/data',
      store: 'sqlite',
      eventStoreConnectionString: undefined,
      logLevel: 'log',
    });
  });

  it('takes PORT, LEDGER_DATA_DIR and an EventStoreDB connection', () => {
    const config = loadLedgerConfig(
      { PORT: '8080', LEDGER_DATA_DIR: '/var/lib/ledger', LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113?tls=false' },
      '/srv',
    );
    expect(config).toMatchObject({ port: 8080, dataDir: '/var/lib/ledger', store: 'eventstoredb', eventStoreConnectionString: 'esdb://db:2113?tls=false' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "eighty".'],
    [{ PORT: '70000' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "70000".'],
    [{ LEDGER_STORE: 'postgres' }, 'LEDGER_STORE', 'LEDGER_STORE must be one of sqlite, eventstoredb, got "postgres".'],
    [{ LEDGER_STORE: 'eventstoredb' }, 'EVENTSTORE_CONNECTION_STRING', expect.stringContaining('is required when LEDGER_STORE is eventstoredb')],
    [{ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' }, 'EVENTSTORE_CONNECTION_STRING', expect.stringContaining('must start with esdb://')],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL must be one of error, warn, log, debug, verbose, got "loud".'],
  ])('refuses %p, naming %s', (env, setting, message) => {
    let error: unknown;
    try {
      loadLedgerConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ setting, message });
  });
});
