import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { embeddedSecret } from '../auth/jwt/embedded-secret.js';
import { ROLES, type Role } from '../auth/principal.js';
import { mintEmbeddedToken, parseTtl } from '../auth/token-minter.js';
import { signInLinkAddress } from '../auth/sessions/sign-in-link-address.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import { isOfficialId } from '../officials/official-id.js';
import type { LedgerConfig } from '../config/ledger.config.js';

interface TokenOptions {
  readonly sub?: string;
  readonly roles?: string;
  readonly units?: string;
  readonly ttl?: string;
  readonly official?: string;
  readonly link?: boolean;
}

const SUBJECT = /^[\p{L}\p{N}._:@|+-]{1,200}$/u;
const UNIT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Exit codes: 0 printed, 2 a bad option, 3 the service verifies tokens of an external identity provider. */
@Command({
  name: 'token',
  description:
    "Mint a bearer token for LEDGER_DATA_DIR's service (embedded HS256 mode), or with --link a one-time sign-in link to the console; it is the last line printed.",
})
export class TokenCommand extends CommandRunner {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    super();
  }

  async run(_: string[], options: TokenOptions): Promise<void> {
    if (this.config.auth.mode !== 'embedded')
      return fail(
        3,
        'This service verifies tokens of an external identity provider (AUTH_JWKS_URL or AUTH_JWKS_FILE); get tokens from it.',
      );
    const subject = options.sub?.trim();
    if (!subject || !SUBJECT.test(subject)) return fail(2, '--sub <user> is required: 1-200 letters, digits or . _ : @ | + -.');
    const roles = (options.roles ?? '')
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean);
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (roles.length === 0 || unknown.length > 0)
      return fail(
        2,
        `--roles takes a comma-separated list of ${ROLES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
      );
    const units =
      options.units === undefined
        ? []
        : options.units
            .split(',')
            .map((unit) => unit.trim())
            .filter(Boolean);
    if (units.some((unit) => unit !== '*' && !UNIT_ID.test(unit)))
      return fail(2, '--units takes a comma-separated list of unit ids (or * for every unit).');
    const ttlSeconds = parseTtl(options.ttl ?? '8h');
    if (ttlSeconds === undefined) return fail(2, `--ttl must be a duration such as 30m, 8h or 7d, at most 366d; got "${options.ttl}".`);
    if (options.official !== undefined && !isOfficialId(options.official))
      return fail(2, `--official takes an official id (1-80 lower-case letters, digits or "-"); got "${options.official}".`);
    const principal = {
      subject,
      roles: roles as Role[],
      units: units.includes('*') ? ('all' as const) : units,
      ...(options.official === undefined ? {} : { officialId: options.official }),
    };
    if (options.link) {
      const link = signInLinkAddress(embeddedSecret(this.config.dataDir), this.config.publicBaseUrl, principal, ttlSeconds);
      process.stdout.write(
        `Sign-in link for ${subject} (roles ${roles.join(', ')}; units ${units.length ? units.join(', ') : 'none'}; the session lasts ${options.ttl ?? '8h'}).\n` +
          `Open it in a browser within ${link.validMinutes} minutes; it works once:\n${link.address}\n`,
      );
      return;
    }
    const token = await mintEmbeddedToken(embeddedSecret(this.config.dataDir), { ...principal, ttlSeconds });
    const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    process.stdout.write(
      `Bearer token for ${subject}${options.official ? ` (official ${options.official})` : ''} (roles ${roles.join(', ')}; units ${units.length ? units.join(', ') : 'none'}; expires ${expires}):\n${token}\n`,
    );
  }

  @Option({ flags: '--sub <user>', description: 'who the token is for: the actor recorded on every event it writes' })
  parseSub(value: string): string {
    return value;
  }

  @Option({ flags: '--roles <roles>', description: `comma-separated: ${ROLES.join(', ')}` })
  parseRoles(value: string): string {
    return value;
  }

  @Option({ flags: '--units <ids>', description: 'comma-separated unit ids the user serves (sub-units included), or *' })
  parseUnits(value: string): string {
    return value;
  }

  @Option({
    flags: '--official <id>',
    description: 'the official the user is (the `official` claim): every fact they record names them beside the actor',
  })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--ttl <duration>', description: 'lifetime, e.g. 30m, 8h (default), 7d; with --link, of the session' })
  parseTtl(value: string): string {
    return value;
  }

  @Option({
    flags: '--link',
    description: 'print a one-time sign-in link to the console (valid 5 minutes, PUBLIC_BASE_URL) instead of a bearer token',
  })
  parseLink(): boolean {
    return true;
  }
}

function fail(code: number, message: string): void {
  process.stderr.write(`ledger token: ${message}\n`);
  process.exitCode = code;
}
