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
      auth: {
        mode: 'embedded',
        issuer: 'accountability-ledger',
        audience: 'accountability-ledger',
        jwksUrl: undefined,
        jwksFile: undefined,
        rolesClaim: 'roles',
        rolesClaimFormat: 'list',
        unitsClaim: 'units',
        officialClaim: 'official',
        clockToleranceSeconds: 30,
      },
      open311RatePerMinute: 30,
      open311RateLimitStore: { kind: 'memory', url: undefined },
      trustProxy: false,
      integrity: {
        origin: 'accountability-ledger.local/log',
        checkpointEveryMinutes: 10,
        checkpointEveryEvents: 1000,
        signingKeyFile: undefined,
      },
      operations: { metricsToken: undefined, verifyEveryHours: 24 },
      personalDataKeys: { kind: 'sqlite', url: undefined },
      http: { headersTimeoutSeconds: 20, requestTimeoutSeconds: 120, keepAliveTimeoutSeconds: 5, shutdownGraceSeconds: 10 },
      open311MediaMaxBytes: 10_485_760,
      publicBaseUrl: 'http://localhost:3000',
      alerts: { approachingWorkingDays: 3 },
      webhooks: { allowedHosts: [], retryScale: 1, alertScanSeconds: 60, timeoutSeconds: 10 },
      sessionStore: { kind: 'sqlite', url: undefined },
      webhookStore: { kind: 'sqlite', url: undefined },
    });
  });

  it('keeps console sessions and webhooks in PostgreSQL when told to, and refuses a URL without it or it without a URL', () => {
    const url = 'postgresql://ledger:secret@db:5432/ledger';
    const config = loadLedgerConfig({
      SESSION_STORE: 'postgresql',
      SESSION_STORE_URL: url,
      WEBHOOK_STORE: 'postgresql',
      WEBHOOK_STORE_URL: url,
    });
    expect([config.sessionStore, config.webhookStore]).toEqual([
      { kind: 'postgresql', url },
      { kind: 'postgresql', url },
    ]);
    expect(() => loadLedgerConfig({ SESSION_STORE: 'postgresql' })).toThrow(/SESSION_STORE_URL must be a postgresql:\/\/ URL/);
    expect(() => loadLedgerConfig({ WEBHOOK_STORE: 'postgresql', WEBHOOK_STORE_URL: 'mysql://db' })).toThrow(/WEBHOOK_STORE_URL/);
    expect(() => loadLedgerConfig({ WEBHOOK_STORE_URL: url })).toThrow(/only used with WEBHOOK_STORE=postgresql/);
    expect(() => loadLedgerConfig({ SESSION_STORE: 'redis' })).toThrow(/SESSION_STORE/);
  });

  it('keeps the personal-data keys in PostgreSQL when told to', () => {
    const url = 'postgresql://ledger:secret@db:5432/ledger';
    expect(loadLedgerConfig({ PERSONAL_DATA_KEY_STORE: 'postgresql', PERSONAL_DATA_KEY_STORE_URL: url }).personalDataKeys).toEqual({
      kind: 'postgresql',
      url,
    });
  });

  it('counts Open311 submissions in PostgreSQL when told to, and refuses a URL without it or it without a URL', () => {
    const url = 'postgresql://ledger:secret@db:5432/ledger';
    expect(loadLedgerConfig({ OPEN311_RATE_LIMIT_STORE: 'postgresql', OPEN311_RATE_LIMIT_STORE_URL: url }).open311RateLimitStore).toEqual({
      kind: 'postgresql',
      url,
    });
    expect(() => loadLedgerConfig({ OPEN311_RATE_LIMIT_STORE: 'postgresql' })).toThrow(/OPEN311_RATE_LIMIT_STORE_URL/);
    expect(() => loadLedgerConfig({ OPEN311_RATE_LIMIT_STORE_URL: url })).toThrow(/only used with OPEN311_RATE_LIMIT_STORE=postgresql/);
  });

  it('takes a scrape token for /metrics and how often the service verifies itself', () => {
    const token = 'a'.repeat(20) + '0123456789.-';
    expect(loadLedgerConfig({ METRICS_TOKEN: token, LEDGER_VERIFY_EVERY_HOURS: '0' }).operations).toEqual({
      metricsToken: token,
      verifyEveryHours: 0,
    });
  });

  it('takes PUBLIC_BASE_URL as an origin, defaulting to localhost on the port, and refuses anything else', () => {
    expect(loadLedgerConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadLedgerConfig({ PUBLIC_BASE_URL: 'https://ledger.haiduong.gov.vn/' }).publicBaseUrl).toBe('https://ledger.haiduong.gov.vn');
    expect(() => loadLedgerConfig({ PUBLIC_BASE_URL: 'https://ledger.haiduong.gov.vn/console' })).toThrow(
      'PUBLIC_BASE_URL must be an origin only',
    );
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('takes TRUST_PROXY=%s', (raw, trusted) => expect(loadLedgerConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(trusted));

  it('signs the console in through the identity provider when its client id is set: a public client by default', () => {
    const external = { AUTH_JWKS_URL: 'https://idp.example.vn/jwks', AUTH_ISSUER: 'https://idp.example.vn', AUTH_AUDIENCE: 'ledger-api' };
    expect(loadLedgerConfig(external).auth.oidc).toBeUndefined();
    expect(loadLedgerConfig({ ...external, AUTH_OIDC_CLIENT_ID: 'ledger-console' }).auth.oidc).toEqual({
      clientId: 'ledger-console',
      clientSecret: undefined,
      scopes: 'openid profile',
      sessionSeconds: 8 * 3600,
    });
    expect(
      loadLedgerConfig({
        ...external,
        AUTH_OIDC_CLIENT_ID: 'ledger-console',
        AUTH_OIDC_CLIENT_SECRET: 'bí-mật',
        AUTH_OIDC_SCOPES: 'openid  roles',
        AUTH_OIDC_SESSION_HOURS: '12',
      }).auth.oidc,
    ).toEqual({ clientId: 'ledger-console', clientSecret: 'bí-mật', scopes: 'openid roles', sessionSeconds: 12 * 3600 });
  });

  it('verifies tokens of an external identity provider when its key set is configured', () => {
    const config = loadLedgerConfig(
      {
        AUTH_JWKS_FILE: 'keys/jwks.json',
        AUTH_ISSUER: 'https://idp.example.vn/realms/tinh',
        AUTH_AUDIENCE: 'ledger-api',
        AUTH_ROLES_CLAIM: 'realm_access.roles',
      },
      '/srv',
    );
    expect(config.auth).toEqual({
      mode: 'external',
      issuer: 'https://idp.example.vn/realms/tinh',
      audience: 'ledger-api',
      jwksUrl: undefined,
      jwksFile: '/srv/keys/jwks.json',
      rolesClaim: 'realm_access.roles',
      rolesClaimFormat: 'list',
      unitsClaim: 'units',
      officialClaim: 'official',
      clockToleranceSeconds: 30,
    });
  });

  it('takes the checkpoint settings: origin, how often, and a signing key file relative to the working folder', () => {
    const config = loadLedgerConfig(
      {
        LEDGER_CHECKPOINT_ORIGIN: 'ledger.haiduong.gov.vn/log',
        LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
        LEDGER_CHECKPOINT_EVERY_EVENTS: '250',
        LEDGER_SIGNING_KEY_FILE: 'keys/log.pem',
      },
      '/srv',
    );
    expect(config.integrity).toEqual({
      origin: 'ledger.haiduong.gov.vn/log',
      checkpointEveryMinutes: 0,
      checkpointEveryEvents: 250,
      signingKeyFile: '/srv/keys/log.pem',
    });
  });

  it('takes PORT, LEDGER_DATA_DIR and an EventStoreDB connection', () => {
    const config = loadLedgerConfig(
      {
        PORT: '8080',
        LEDGER_DATA_DIR: '/var/lib/ledger',
        LEDGER_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113?tls=false',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/ledger',
      store: 'eventstoredb',
      eventStoreConnectionString: 'esdb://db:2113?tls=false',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "eighty".'],
    [{ PORT: '70000' }, 'PORT', 'PORT must be a whole number from 1 to 65535, got "70000".'],
    [{ LEDGER_STORE: 'postgres' }, 'LEDGER_STORE', 'LEDGER_STORE must be one of sqlite, eventstoredb, got "postgres".'],
    [
      { LEDGER_STORE: 'eventstoredb' },
      'EVENTSTORE_CONNECTION_STRING',
      expect.stringContaining('is required when LEDGER_STORE is eventstoredb'),
    ],
    [
      { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' },
      'EVENTSTORE_CONNECTION_STRING',
      expect.stringContaining('must start with esdb://'),
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL must be one of error, warn, log, debug, verbose, got "loud".'],
    [
      { AUTH_JWKS_URL: 'https://idp/jwks', AUTH_AUDIENCE: 'ledger' },
      'AUTH_ISSUER',
      expect.stringContaining('AUTH_ISSUER is required with an external identity provider'),
    ],
    [
      { AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'https://idp' },
      'AUTH_AUDIENCE',
      expect.stringContaining('AUTH_AUDIENCE is required'),
    ],
    [
      { AUTH_JWKS_URL: 'ftp://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' },
      'AUTH_JWKS_URL',
      'AUTH_JWKS_URL must be an http(s) URL, got "ftp://idp/jwks".',
    ],
    [
      { AUTH_JWKS_URL: 'https://idp/jwks', AUTH_JWKS_FILE: 'k.json', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' },
      'AUTH_JWKS_URL',
      expect.stringContaining('cannot both be set'),
    ],
    [{ AUTH_ISSUER: 'https://idp' }, 'AUTH_ISSUER', expect.stringContaining('only used with AUTH_JWKS_URL or AUTH_JWKS_FILE')],
    [{ AUTH_OIDC_CLIENT_ID: 'ledger' }, 'AUTH_OIDC_CLIENT_ID', expect.stringContaining('only used with AUTH_JWKS_URL or AUTH_JWKS_FILE')],
    [
      { AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'https://idp', AUTH_AUDIENCE: 'a', AUTH_OIDC_CLIENT_SECRET: 's' },
      'AUTH_OIDC_CLIENT_SECRET',
      'AUTH_OIDC_CLIENT_SECRET is only used with AUTH_OIDC_CLIENT_ID.',
    ],
    [
      { AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'tinh', AUTH_AUDIENCE: 'a', AUTH_OIDC_CLIENT_ID: 'ledger' },
      'AUTH_ISSUER',
      expect.stringContaining("must be the provider's http(s) address with AUTH_OIDC_CLIENT_ID"),
    ],
    [
      {
        AUTH_JWKS_URL: 'https://idp/jwks',
        AUTH_ISSUER: 'https://idp',
        AUTH_AUDIENCE: 'a',
        AUTH_OIDC_CLIENT_ID: 'c',
        AUTH_OIDC_SCOPES: 'profile',
      },
      'AUTH_OIDC_SCOPES',
      'AUTH_OIDC_SCOPES must be space-separated scopes that include openid, got "profile".',
    ],
    [{ AUTH_ROLES_CLAIM: 'roles[0]' }, 'AUTH_ROLES_CLAIM', expect.stringContaining('must be a claim name or a dotted path')],
    [
      { AUTH_ROLES_CLAIM_FORMAT: 'comma' },
      'AUTH_ROLES_CLAIM_FORMAT',
      'AUTH_ROLES_CLAIM_FORMAT must be one of list, space-separated, got "comma".',
    ],
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, 'SHUTDOWN_GRACE_SECONDS', expect.stringContaining('must be a whole number from 1 to 600')],
    [
      { HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' },
      'HTTP_HEADERS_TIMEOUT_SECONDS',
      'HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (30), got "60".',
    ],
    [{ OPEN311_MEDIA_MAX_BYTES: '10MB' }, 'OPEN311_MEDIA_MAX_BYTES', expect.stringContaining('must be a whole number')],
    [
      { AUTH_CLOCK_TOLERANCE_SECONDS: '3600' },
      'AUTH_CLOCK_TOLERANCE_SECONDS',
      'AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300, got "3600".',
    ],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY', expect.stringContaining('TRUST_PROXY must be true, false, a number of proxy hops')],
    [
      { OPEN311_RATE_LIMIT_PER_MINUTE: '0' },
      'OPEN311_RATE_LIMIT_PER_MINUTE',
      'OPEN311_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 100,000, got "0".',
    ],
    [{ LEDGER_CHECKPOINT_ORIGIN: 'my ledger' }, 'LEDGER_CHECKPOINT_ORIGIN', expect.stringContaining('without spaces or "+"')],
    [
      { LEDGER_CHECKPOINT_EVERY_MINUTES: '5.5' },
      'LEDGER_CHECKPOINT_EVERY_MINUTES',
      'LEDGER_CHECKPOINT_EVERY_MINUTES must be a whole number from 0 to 10,080, got "5.5".',
    ],
    [{ LEDGER_CHECKPOINT_EVERY_EVENTS: '-1' }, 'LEDGER_CHECKPOINT_EVERY_EVENTS', expect.stringContaining('must be a whole number from 0')],
    [
      { METRICS_TOKEN: 'secret' },
      'METRICS_TOKEN',
      'METRICS_TOKEN must be at least 32 characters of A-Z a-z 0-9 . _ ~ + / = - (for example the output of "openssl rand -hex 32"), got 6 characters.',
    ],
    [{ METRICS_TOKEN: `${'a'.repeat(32)} b` }, 'METRICS_TOKEN', expect.stringContaining('got 34 characters')],
    [
      { PERSONAL_DATA_KEY_STORE: 'postgresql' },
      'PERSONAL_DATA_KEY_STORE_URL',
      expect.stringContaining('must be a postgresql:// URL with PERSONAL_DATA_KEY_STORE=postgresql'),
    ],
    [
      { PERSONAL_DATA_KEY_STORE: 'postgresql', PERSONAL_DATA_KEY_STORE_URL: 'mysql://root:hunter2@db/keys' },
      'PERSONAL_DATA_KEY_STORE_URL',
      expect.not.stringContaining('hunter2'),
    ],
    [{ PERSONAL_DATA_KEY_STORE_URL: 'postgresql://db/keys' }, 'PERSONAL_DATA_KEY_STORE_URL', expect.stringContaining('only used with')],
    [
      { PERSONAL_DATA_KEY_STORE: 'redis' },
      'PERSONAL_DATA_KEY_STORE',
      'PERSONAL_DATA_KEY_STORE must be one of sqlite, postgresql, got "redis".',
    ],
    [
      { LEDGER_VERIFY_EVERY_HOURS: 'daily' },
      'LEDGER_VERIFY_EVERY_HOURS',
      expect.stringContaining('must be a whole number from 0 to 8,760'),
    ],
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
  it('reads the alert and webhook settings, and refuses bad ones with a sentence naming them', () => {
    const config = loadLedgerConfig({
      ALERTS_APPROACHING_WORKING_DAYS: '5',
      WEBHOOK_ALLOWED_HOSTS: 'Portal.example.gov.vn, *.sms.example.vn,10.0.0.5',
      WEBHOOK_RETRY_SCALE: '0.001',
    });
    expect(config.alerts).toEqual({ approachingWorkingDays: 5 });
    expect(config.webhooks).toEqual({
      allowedHosts: ['portal.example.gov.vn', '*.sms.example.vn', '10.0.0.5'],
      retryScale: 0.001,
      alertScanSeconds: 60,
      timeoutSeconds: 10,
    });
    expect(() => loadLedgerConfig({ WEBHOOK_RETRY_SCALE: '0' })).toThrow(/WEBHOOK_RETRY_SCALE must be a number from 0.0001 to 10/);
    expect(() => loadLedgerConfig({ WEBHOOK_ALLOWED_HOSTS: 'https://portal.example.gov.vn/' })).toThrow(/WEBHOOK_ALLOWED_HOSTS must be/);
    expect(() => loadLedgerConfig({ ALERTS_APPROACHING_WORKING_DAYS: '61' })).toThrow(/ALERTS_APPROACHING_WORKING_DAYS/);
  });
});
