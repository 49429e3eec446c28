import { isAbsolute, resolve } from 'node:path';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER, type AuthConfig, type OidcClientConfig, type RolesClaimFormat } from '../auth/auth.config.js';
import { parsePublicBaseUrl } from '../console/public-base-url.js';

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
  readonly auth: AuthConfig;
  /** Open311 submissions a client (by IP address) may make per minute. */
  readonly open311RatePerMinute: number;
  /** Where the Open311 submissions are counted: in this process, or in a PostgreSQL database every instance shares. */
  readonly open311RateLimitStore: RateLimitStoreConfig;
  /** Express's "trust proxy": which X-Forwarded-For hops to believe for the client's address. */
  readonly trustProxy: boolean | number | string;
  readonly integrity: IntegrityConfig;
  readonly operations: OperationsConfig;
  readonly personalDataKeys: KeyStoreConfig;
  readonly http: HttpServerConfig;
  /** The largest photo the Open311 intake keeps as evidence with a report, in bytes. */
  readonly open311MediaMaxBytes: number;
  /** The origin people reach the service at (PUBLIC_BASE_URL): sign-in links and the session cookie's origin check. */
  readonly publicBaseUrl: string;
  readonly alerts: AlertsConfig;
  readonly webhooks: WebhooksConfig;
  /** Where console sessions, spent sign-in links and sign-in attempts live (SESSION_STORE). */
  readonly sessionStore: SharedStoreConfig;
  /** Where webhook subscriptions, their secrets and the outbox of deliveries live (WEBHOOK_STORE). */
  readonly webhookStore: SharedStoreConfig;
}

/**
 * A store that is a file of the data folder on one machine (sqlite, the default) or a PostgreSQL
 * database that every instance of the service shares behind a balancer.
 */
export interface SharedStoreConfig {
  readonly kind: 'sqlite' | 'postgresql';
  /** postgresql://user:password@host:5432/database (required with postgresql). */
  readonly url: string | undefined;
}

/** How deliveries to webhook subscriptions are made. */
export interface WebhooksConfig {
  /**
   * Hosts deliveries may go to (WEBHOOK_ALLOWED_HOSTS, comma-separated; "*.example.gov.vn" covers its
   * subdomains). Empty: any host an admin registers, the admin being trusted with where data goes.
   */
  readonly allowedHosts: readonly string[];
  /** Multiplies every pause of the retry schedule (WEBHOOK_RETRY_SCALE, 1 = 5 s, 5 min, 30 min, 2 h...; tests compress it). */
  readonly retryScale: number;
  /** How often the alerts are judged for delivery (WEBHOOK_ALERT_SCAN_SECONDS). */
  readonly alertScanSeconds: number;
  /** How long a receiver has to answer one attempt (WEBHOOK_TIMEOUT_SECONDS). */
  readonly timeoutSeconds: number;
}

/** When a deadline starts to be announced as approaching. */
export interface AlertsConfig {
  /** A deadline is approaching from this many working days before its due day (ALERTS_APPROACHING_WORKING_DAYS). */
  readonly approachingWorkingDays: number;
}

/** Where the personal-data keys live: keys.db in the data folder (one machine), or a PostgreSQL database every instance shares. */
export interface KeyStoreConfig {
  readonly kind: 'sqlite' | 'postgresql';
  /** postgresql://user:password@host:5432/database (required with postgresql). */
  readonly url: string | undefined;
}

/**
 * Where the Open311 per-client counts live: in memory (one instance; behind a balancer each instance
 * would allow the limit again), or in PostgreSQL, so that N instances together allow the limit once.
 */
export interface RateLimitStoreConfig {
  readonly kind: 'memory' | 'postgresql';
  /** postgresql://user:password@host:5432/database (required with postgresql). */
  readonly url: string | undefined;
}

/** What operators watch the service with. */
export interface OperationsConfig {
  /** A bearer token a Prometheus server scrapes /metrics with, instead of a user's token with operations.read. */
  readonly metricsToken: string | undefined;
  /** The service verifies the whole ledger this often (hours; 0: only when an inspector asks), so the metrics show a recent result. */
  readonly verifyEveryHours: number;
}

/** How long the HTTP server waits for a slow client, and for itself when it stops. */
export interface HttpServerConfig {
  /** A request's headers must have arrived within this many seconds of its first byte (else 408). */
  readonly headersTimeoutSeconds: number;
  /** The whole request, body included, must have arrived within this many seconds (else 408 and the socket closes). */
  readonly requestTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this many seconds. */
  readonly keepAliveTimeoutSeconds: number;
  /** On SIGTERM or SIGINT, requests in flight have this long to finish and the service to stop; then it is cut short (exit 1). */
  readonly shutdownGraceSeconds: number;
}

/** The Merkle log's signed checkpoints: what they are named, how often they are signed, with which key. */
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
const ROLES_CLAIM_FORMATS: readonly RolesClaimFormat[] = ['list', 'space-separated'];

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
      throw new ConfigurationError(
        'EVENTSTORE_CONNECTION_STRING',
        'is required when LEDGER_STORE is eventstoredb (for example esdb://localhost:2113?tls=false).',
      );
    }
    if (!/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/.+/.test(connectionString)) {
      throw new ConfigurationError(
        'EVENTSTORE_CONNECTION_STRING',
        `must start with esdb:// or esdb+discover://, got "${connectionString}".`,
      );
    }
  }
  const dataDir = nonEmpty(env.LEDGER_DATA_DIR) ?? './data';
  const listenPort = port('PORT', env.PORT, 3000);
  return {
    port: listenPort,
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    store,
    eventStoreConnectionString: connectionString,
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'log'),
    auth: authConfig(env, cwd),
    open311RatePerMinute: wholeNumber('OPEN311_RATE_LIMIT_PER_MINUTE', env.OPEN311_RATE_LIMIT_PER_MINUTE, 30, 1, 100_000),
    open311RateLimitStore: rateLimitStoreConfig(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    integrity: integrityConfig(env, cwd),
    personalDataKeys: keyStoreConfig(env),
    sessionStore: sharedStoreConfig(env, 'SESSION_STORE'),
    webhookStore: sharedStoreConfig(env, 'WEBHOOK_STORE'),
    operations: {
      metricsToken: metricsToken(env.METRICS_TOKEN),
      verifyEveryHours: wholeNumber('LEDGER_VERIFY_EVERY_HOURS', env.LEDGER_VERIFY_EVERY_HOURS, 24, 0, 8760),
    },
    http: httpServerConfig(env),
    open311MediaMaxBytes: wholeNumber('OPEN311_MEDIA_MAX_BYTES', env.OPEN311_MEDIA_MAX_BYTES, 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    publicBaseUrl: publicBaseUrl(env.PUBLIC_BASE_URL, listenPort),
    alerts: {
      approachingWorkingDays: wholeNumber('ALERTS_APPROACHING_WORKING_DAYS', env.ALERTS_APPROACHING_WORKING_DAYS, 3, 0, 60),
    },
    webhooks: webhooksConfig(env),
  };
}

function webhooksConfig(env: NodeJS.ProcessEnv): WebhooksConfig {
  const hosts = (nonEmpty(env.WEBHOOK_ALLOWED_HOSTS) ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  const badHost = hosts.find(
    (host) => !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$/.test(host),
  );
  if (badHost !== undefined)
    throw new ConfigurationError(
      'WEBHOOK_ALLOWED_HOSTS',
      `must be comma-separated host names or addresses (e.g. portal.example.gov.vn, *.example.gov.vn, 10.0.0.5), got "${badHost}".`,
    );
  const rawScale = nonEmpty(env.WEBHOOK_RETRY_SCALE);
  const retryScale = rawScale === undefined ? 1 : Number(rawScale);
  if (rawScale !== undefined && (!/^\d+(\.\d+)?$/.test(rawScale) || retryScale < 0.0001 || retryScale > 10))
    throw new ConfigurationError(
      'WEBHOOK_RETRY_SCALE',
      `must be a number from 0.0001 to 10 (1: the schedule as it is), got "${rawScale}".`,
    );
  return {
    allowedHosts: hosts,
    retryScale,
    alertScanSeconds: wholeNumber('WEBHOOK_ALERT_SCAN_SECONDS', env.WEBHOOK_ALERT_SCAN_SECONDS, 60, 1, 86_400),
    timeoutSeconds: wholeNumber('WEBHOOK_TIMEOUT_SECONDS', env.WEBHOOK_TIMEOUT_SECONDS, 10, 1, 300),
  };
}

function publicBaseUrl(raw: string | undefined, listenPort: number): string {
  const parsed = parsePublicBaseUrl(raw, listenPort);
  if ('error' in parsed) throw new ConfigurationError('PUBLIC_BASE_URL', parsed.error);
  return parsed.value;
}

function httpServerConfig(env: NodeJS.ProcessEnv): HttpServerConfig {
  const headersTimeoutSeconds = wholeNumber('HTTP_HEADERS_TIMEOUT_SECONDS', env.HTTP_HEADERS_TIMEOUT_SECONDS, 20, 1, 600);
  const requestTimeoutSeconds = wholeNumber('HTTP_REQUEST_TIMEOUT_SECONDS', env.HTTP_REQUEST_TIMEOUT_SECONDS, 120, 1, 3600);
  if (headersTimeoutSeconds > requestTimeoutSeconds)
    throw new ConfigurationError(
      'HTTP_HEADERS_TIMEOUT_SECONDS',
      `must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds}), got "${headersTimeoutSeconds}".`,
    );
  return {
    headersTimeoutSeconds,
    requestTimeoutSeconds,
    keepAliveTimeoutSeconds: wholeNumber('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS, 5, 1, 600),
    shutdownGraceSeconds: wholeNumber('SHUTDOWN_GRACE_SECONDS', env.SHUTDOWN_GRACE_SECONDS, 10, 1, 600),
  };
}

function keyStoreConfig(env: NodeJS.ProcessEnv): KeyStoreConfig {
  const kind = oneOf('PERSONAL_DATA_KEY_STORE', env.PERSONAL_DATA_KEY_STORE, ['sqlite', 'postgresql'] as const, 'sqlite');
  const url = nonEmpty(env.PERSONAL_DATA_KEY_STORE_URL);
  if (kind === 'sqlite') {
    if (url !== undefined)
      throw new ConfigurationError('PERSONAL_DATA_KEY_STORE_URL', 'is only used with PERSONAL_DATA_KEY_STORE=postgresql.');
    return { kind, url: undefined };
  }
  if (url === undefined || !/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new ConfigurationError(
      'PERSONAL_DATA_KEY_STORE_URL',
      `must be a postgresql:// URL with PERSONAL_DATA_KEY_STORE=postgresql (for example postgresql://ledger:secret@db:5432/ledger), got ${url === undefined ? 'nothing' : 'another kind of value'}.`,
    );
  return { kind, url };
}

function sharedStoreConfig(env: NodeJS.ProcessEnv, name: 'SESSION_STORE' | 'WEBHOOK_STORE'): SharedStoreConfig {
  const kind = oneOf(name, env[name], ['sqlite', 'postgresql'] as const, 'sqlite');
  const url = nonEmpty(env[`${name}_URL`]);
  if (kind === 'sqlite') {
    if (url !== undefined) throw new ConfigurationError(`${name}_URL`, `is only used with ${name}=postgresql.`);
    return { kind, url: undefined };
  }
  if (url === undefined || !/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new ConfigurationError(
      `${name}_URL`,
      `must be a postgresql:// URL with ${name}=postgresql (for example postgresql://ledger:secret@db:5432/ledger), got ${url === undefined ? 'nothing' : 'another kind of value'}.`,
    );
  return { kind, url };
}

function rateLimitStoreConfig(env: NodeJS.ProcessEnv): RateLimitStoreConfig {
  const kind = oneOf('OPEN311_RATE_LIMIT_STORE', env.OPEN311_RATE_LIMIT_STORE, ['memory', 'postgresql'] as const, 'memory');
  const url = nonEmpty(env.OPEN311_RATE_LIMIT_STORE_URL);
  if (kind === 'memory') {
    if (url !== undefined)
      throw new ConfigurationError('OPEN311_RATE_LIMIT_STORE_URL', 'is only used with OPEN311_RATE_LIMIT_STORE=postgresql.');
    return { kind, url: undefined };
  }
  if (url === undefined || !/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new ConfigurationError(
      'OPEN311_RATE_LIMIT_STORE_URL',
      `must be a postgresql:// URL with OPEN311_RATE_LIMIT_STORE=postgresql (for example postgresql://ledger:secret@db:5432/ledger), got ${url === undefined ? 'nothing' : 'another kind of value'}.`,
    );
  return { kind, url };
}

/** A scrape token guessable by no one: long, and of the characters a bearer token may hold. */
function metricsToken(raw: string | undefined): string | undefined {
  const value = nonEmpty(raw);
  if (value === undefined) return undefined;
  if (value.length < 32 || !/^[A-Za-z0-9._~+/=-]+$/.test(value))
    throw new ConfigurationError(
      'METRICS_TOKEN',
      `must be at least 32 characters of A-Z a-z 0-9 . _ ~ + / = - (for example the output of "openssl rand -hex 32"), got ${value.length} characters.`,
    );
  return value;
}

/** false (default: the socket's address is the client), true, a number of hops, or addresses/subnets to trust. */
function trustProxy(raw: string | undefined): boolean | number | string {
  const value = nonEmpty(raw);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  if (
    /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?))*$/.test(
      value,
    )
  )
    return value;
  throw new ConfigurationError(
    'TRUST_PROXY',
    `must be true, false, a number of proxy hops, or comma-separated addresses or subnets (e.g. loopback, 10.0.0.0/8), got "${value}".`,
  );
}

/** Embedded HS256 unless an identity provider's key set is configured; then its issuer and audience are required. */
function authConfig(env: NodeJS.ProcessEnv, cwd: string): AuthConfig {
  const jwksUrl = nonEmpty(env.AUTH_JWKS_URL);
  const jwksFile = nonEmpty(env.AUTH_JWKS_FILE);
  const common = {
    rolesClaim: claimPath('AUTH_ROLES_CLAIM', env.AUTH_ROLES_CLAIM, 'roles'),
    rolesClaimFormat: oneOf('AUTH_ROLES_CLAIM_FORMAT', env.AUTH_ROLES_CLAIM_FORMAT, ROLES_CLAIM_FORMATS, 'list'),
    unitsClaim: claimPath('AUTH_UNITS_CLAIM', env.AUTH_UNITS_CLAIM, 'units'),
    officialClaim: claimPath('AUTH_OFFICIAL_CLAIM', env.AUTH_OFFICIAL_CLAIM, 'official'),
    clockToleranceSeconds: wholeNumber('AUTH_CLOCK_TOLERANCE_SECONDS', env.AUTH_CLOCK_TOLERANCE_SECONDS, 30, 0, 300),
  };
  if (jwksUrl === undefined && jwksFile === undefined) {
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_OIDC_CLIENT_ID'] as const) {
      if (nonEmpty(env[name]) !== undefined)
        throw new ConfigurationError(
          name,
          'is only used with AUTH_JWKS_URL or AUTH_JWKS_FILE (an external identity provider); the embedded tokens have a fixed issuer.',
        );
    }
    return { mode: 'embedded', issuer: EMBEDDED_ISSUER, audience: EMBEDDED_AUDIENCE, jwksUrl: undefined, jwksFile: undefined, ...common };
  }
  if (jwksUrl !== undefined && jwksFile !== undefined)
    throw new ConfigurationError('AUTH_JWKS_URL', 'and AUTH_JWKS_FILE cannot both be set; choose one.');
  if (jwksUrl !== undefined && !/^https?:\/\/\S+$/.test(jwksUrl))
    throw new ConfigurationError('AUTH_JWKS_URL', `must be an http(s) URL, got "${jwksUrl}".`);
  const issuer = nonEmpty(env.AUTH_ISSUER);
  const audience = nonEmpty(env.AUTH_AUDIENCE);
  if (issuer === undefined)
    throw new ConfigurationError('AUTH_ISSUER', 'is required with an external identity provider (the "iss" its tokens carry).');
  if (audience === undefined)
    throw new ConfigurationError(
      'AUTH_AUDIENCE',
      'is required with an external identity provider (the "aud" its tokens carry for this service).',
    );
  return {
    mode: 'external',
    issuer,
    audience,
    jwksUrl,
    jwksFile: jwksFile === undefined ? undefined : isAbsolute(jwksFile) ? jwksFile : resolve(cwd, jwksFile),
    ...common,
    ...oidcClientConfig(env, issuer),
  };
}

/** Console sign-in through the identity provider, when AUTH_OIDC_CLIENT_ID names this service's client there. */
function oidcClientConfig(env: NodeJS.ProcessEnv, issuer: string): { oidc?: OidcClientConfig } {
  const clientId = nonEmpty(env.AUTH_OIDC_CLIENT_ID);
  if (clientId === undefined) {
    for (const name of ['AUTH_OIDC_CLIENT_SECRET', 'AUTH_OIDC_SCOPES', 'AUTH_OIDC_SESSION_HOURS'] as const)
      if (nonEmpty(env[name]) !== undefined) throw new ConfigurationError(name, 'is only used with AUTH_OIDC_CLIENT_ID.');
    return {};
  }
  if (!/^https?:\/\/[^\s/?#]+[^\s?#]*$/.test(issuer))
    throw new ConfigurationError(
      'AUTH_ISSUER',
      `must be the provider's http(s) address with AUTH_OIDC_CLIENT_ID (its discovery document is read from <AUTH_ISSUER>/.well-known/openid-configuration), got "${issuer}".`,
    );
  const scopes = (nonEmpty(env.AUTH_OIDC_SCOPES) ?? 'openid profile').split(/\s+/);
  if (!scopes.includes('openid') || !scopes.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)))
    throw new ConfigurationError('AUTH_OIDC_SCOPES', `must be space-separated scopes that include openid, got "${scopes.join(' ')}".`);
  return {
    oidc: {
      clientId,
      clientSecret: nonEmpty(env.AUTH_OIDC_CLIENT_SECRET),
      scopes: scopes.join(' '),
      sessionSeconds: wholeNumber('AUTH_OIDC_SESSION_HOURS', env.AUTH_OIDC_SESSION_HOURS, 8, 1, 72) * 3600,
    },
  };
}

function claimPath(name: string, raw: string | undefined, fallback: string): string {
  const value = nonEmpty(raw) ?? fallback;
  if (!/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/.test(value))
    throw new ConfigurationError(name, `must be a claim name or a dotted path such as realm_access.roles, got "${value}".`);
  return value;
}

function integrityConfig(env: NodeJS.ProcessEnv, cwd: string): IntegrityConfig {
  const origin = nonEmpty(env.LEDGER_CHECKPOINT_ORIGIN) ?? 'accountability-ledger.local/log';
  if (/[\s+]/u.test(origin) || /[\u0000-\u001f]/.test(origin)) {
    throw new ConfigurationError(
      'LEDGER_CHECKPOINT_ORIGIN',
      `must be a name without spaces or "+", such as ledger.example.gov.vn/log, got "${origin}".`,
    );
  }
  const keyFile = nonEmpty(env.LEDGER_SIGNING_KEY_FILE);
  return {
    origin,
    checkpointEveryMinutes: wholeNumber('LEDGER_CHECKPOINT_EVERY_MINUTES', env.LEDGER_CHECKPOINT_EVERY_MINUTES, 10, 0, 10_080),
    checkpointEveryEvents: wholeNumber('LEDGER_CHECKPOINT_EVERY_EVENTS', env.LEDGER_CHECKPOINT_EVERY_EVENTS, 1000, 0, 100_000_000),
    signingKeyFile: keyFile === undefined ? undefined : isAbsolute(keyFile) ? keyFile : resolve(cwd, keyFile),
  };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationError(name, `must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${value}".`);
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
