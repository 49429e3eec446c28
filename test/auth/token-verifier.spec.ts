import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_AUDIENCE, EMBEDDED_ISSUER, type AuthConfig } from '../../src/auth/auth.config.js';
import { TokenRejected } from '../../src/auth/jwt/token-rejected.js';
import { signTestJws as signHs256 } from '../support/test-tokens.js';
import { FileKeySource, KeySetUnavailable, UrlKeySource } from '../../src/auth/jwt/json-web-key-set.js';
import { mintEmbeddedToken, parseTtl } from '../../src/auth/token-minter.js';
import { TokenVerifier } from '../../src/auth/token-verifier.js';
import { VERIFIED_TOKEN_TTL_SECONDS, VerifiedTokenCache } from '../../src/auth/jwt/verified-token-cache.js';

const NOW = 1_800_000_000;
const secret = Buffer.alloc(64, 7);
const embedded: AuthConfig = {
  mode: 'embedded',
  issuer: EMBEDDED_ISSUER,
  audience: EMBEDDED_AUDIENCE,
  jwksUrl: undefined,
  jwksFile: undefined,
  rolesClaim: 'roles',
  rolesClaimFormat: 'list',
  unitsClaim: 'units',
  officialClaim: 'official',
  clockToleranceSeconds: 30,
};
const external: AuthConfig = {
  ...embedded,
  mode: 'external',
  issuer: 'https://idp.example.vn/realms/tinh',
  audience: 'ledger-api',
  rolesClaim: 'realm_access.roles',
};
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: EMBEDDED_ISSUER,
  aud: EMBEDDED_AUDIENCE,
  sub: 'thanh-tra-1',
  roles: ['inspector'],
  exp: NOW + 600,
  ...overrides,
});
const hs = (payload: object, key = secret) => signHs256({ alg: 'HS256', typ: 'JWT' }, payload as Record<string, unknown>, key);
const verifier = new TokenVerifier(embedded, { secret }, () => NOW);

/** Signs with node's crypto the way an identity provider would: RS256 PKCS#1 v1.5, ES256 raw r||s. */
function asymmetric(alg: 'RS256' | 'ES256', key: KeyObject, payload: object, kid = 'k1'): string {
  const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}

describe('verifying bearer tokens', () => {
  it('accepts a token the CLI mints and reads subject, roles and units from it', async () => {
    const token = await mintEmbeddedToken(secret, {
      subject: 'can-bo-1',
      roles: ['recorder', 'official'],
      units: ['gia-tan'],
      ttlSeconds: 3600,
      nowSeconds: NOW,
    });
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'can-bo-1', roles: ['recorder', 'official'], units: ['gia-tan'] });
    const everywhere = await mintEmbeddedToken(secret, {
      subject: 'admin-1',
      roles: ['admin'],
      units: 'all',
      ttlSeconds: 60,
      nowSeconds: NOW,
    });
    await expect(verifier.verify(everywhere)).resolves.toMatchObject({ units: 'all' });
  });

  const valid = hs(claims());
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  it.each([
    [
      'a bad signature',
      `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      'signature does not verify',
    ],
    ['another secret', hs(claims(), Buffer.alloc(64, 8)), 'signature does not verify'],
    ['a changed payload', `${header}.${b64(claims({ roles: ['admin'] }))}.${signature}`, 'signature does not verify'],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'algorithm "none" is not accepted'],
    ['alg None with a signature', `${b64({ alg: 'None' })}.${payload}.${signature}`, 'algorithm "None" is not accepted'],
    ['no alg', `${b64({ typ: 'JWT' })}.${payload}.${signature}`, 'algorithm null is not accepted'],
    ['an expired token', hs(claims({ exp: NOW - 31 })), 'expired'],
    ['no expiry', hs(claims({ exp: undefined })), 'no expiry'],
    ['a token not valid yet', hs(claims({ nbf: NOW + 120 })), 'not valid yet'],
    ['a wrong issuer', hs(claims({ iss: 'someone-else' })), 'not issued by'],
    ['a wrong audience', hs(claims({ aud: 'another-service' })), 'not meant for'],
    ['no subject', hs(claims({ sub: undefined })), 'no usable subject'],
    ['a subject with a newline', hs(claims({ sub: 'a\nb' })), 'no usable subject'],
    ['critical headers', signHs256({ alg: 'HS256', crit: ['exp'] }, claims(), secret), 'critical header'],
    ['two parts', `${header}.${payload}`, 'not a compact JWS'],
    ['a header that is not JSON', `${Buffer.from('{nope').toString('base64url')}.${payload}.${signature}`, 'header is not JSON'],
    ['a payload that is an array', hs([1, 2]), 'payload is not a JSON object'],
  ])('refuses %s', async (_, token, reason) => {
    await expect(verifier.verify(token)).rejects.toThrow(TokenRejected);
    await expect(verifier.verify(token)).rejects.toThrow(reason);
  });

  // RFC 7519 §4.1.4: the time must be before exp, so at exp + skew the token has expired (jose's reading).
  it('tolerates the configured clock skew and no more', async () => {
    await expect(verifier.verify(hs(claims({ exp: NOW - 29 })))).resolves.toMatchObject({ subject: 'thanh-tra-1' });
    await expect(verifier.verify(hs(claims({ exp: NOW - 30 })))).rejects.toThrow('expired');
    await expect(verifier.verify(hs(claims({ nbf: NOW + 30 })))).resolves.toMatchObject({ subject: 'thanh-tra-1' });
    await expect(verifier.verify(hs(claims({ nbf: NOW + 31 })))).rejects.toThrow('not valid yet');
  });

  describe('a token verified before', () => {
    it('is refused once it expires, though its signature was checked while it was valid', async () => {
      let now = NOW;
      const moving = new TokenVerifier(embedded, { secret }, () => now);
      const token = hs(claims({ exp: NOW + 10 }));
      await expect(moving.verify(token)).resolves.toMatchObject({ subject: 'thanh-tra-1' });
      now = NOW + 39; // exp + skew - 1: still usable
      await expect(moving.verify(token)).resolves.toMatchObject({ subject: 'thanh-tra-1' });
      now = NOW + 40;
      await expect(moving.verify(token)).rejects.toThrow('expired');
    });

    it('is not usable before its nbf less the skew, even after it was verified later', async () => {
      let now = NOW + 100;
      const moving = new TokenVerifier(embedded, { secret }, () => now);
      const token = hs(claims({ nbf: NOW + 50 }));
      await expect(moving.verify(token)).resolves.toMatchObject({ subject: 'thanh-tra-1' });
      now = NOW + 19; // nbf - skew - 1 (a clock stepped back)
      await expect(moving.verify(token)).rejects.toThrow('not valid yet');
    });

    it('does not vouch for a token that differs from it by one byte', async () => {
      const token = hs(claims());
      await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'thanh-tra-1' });
      const [head, , signed] = token.split('.') as [string, string, string];
      const forged = `${head}.${b64({ ...claims(), roles: ['admin'] })}.${signed}`;
      await expect(verifier.verify(forged)).rejects.toThrow('signature does not verify');
    });

    it('is trusted for VERIFIED_TOKEN_TTL_SECONDS at most, so a key removed from the provider stops working soon after', () => {
      const cache = new VerifiedTokenCache(30);
      cache.remember('a.b.c', { subject: 's', roles: [], units: [] }, { exp: NOW + 3600 }, NOW);
      expect(cache.get('a.b.c', NOW + VERIFIED_TOKEN_TTL_SECONDS - 1)).toBeDefined();
      expect(cache.get('a.b.c', NOW + VERIFIED_TOKEN_TTL_SECONDS)).toBeUndefined();
    });
  });

  describe('the roles claim', () => {
    it.each([
      ['a string', 'admin recorder'],
      ['a list holding a number', ['inspector', 7]],
      ['an object', { admin: true }],
    ])('refuses a token whose roles claim is %s', async (_, roles) => {
      await expect(verifier.verify(hs(claims({ roles })))).rejects.toThrow("The token's roles claim is not a list of strings.");
    });

    it('reads no roles when the claim is absent', async () => {
      await expect(verifier.verify(hs(claims({ roles: undefined })))).resolves.toMatchObject({ roles: [] });
    });

    it('reads one space-separated string where the claim is configured so, and nothing else there', async () => {
      const spaced = new TokenVerifier({ ...embedded, rolesClaimFormat: 'space-separated' }, { secret }, () => NOW);
      await expect(spaced.verify(hs(claims({ roles: 'inspector  recorder superuser' })))).resolves.toMatchObject({
        roles: ['recorder', 'inspector'],
      });
      await expect(spaced.verify(hs(claims({ roles: ['inspector'] })))).rejects.toThrow('not a space-separated string of roles');
    });
  });

  describe('the official claim', () => {
    it('names the official the holder is, as the CLI mints it (--official)', async () => {
      const token = await mintEmbeddedToken(secret, {
        subject: 'van-thu-1',
        roles: ['official'],
        units: ['gia-tan'],
        officialId: 'nguyen-van-an',
        ttlSeconds: 60,
        nowSeconds: NOW,
      });
      await expect(verifier.verify(token)).resolves.toEqual({
        subject: 'van-thu-1',
        roles: ['official'],
        units: ['gia-tan'],
        officialId: 'nguyen-van-an',
      });
    });

    it('reads it at the configured path (AUTH_OFFICIAL_CLAIM), and refuses a token whose claim is no official id', async () => {
      const nested = new TokenVerifier({ ...embedded, officialClaim: 'ext.official_id' }, { secret }, () => NOW);
      await expect(nested.verify(hs(claims({ ext: { official_id: 'tran-thi-b' } })))).resolves.toMatchObject({ officialId: 'tran-thi-b' });
      await expect(nested.verify(hs(claims({ official: 'tran-thi-b' })))).resolves.not.toHaveProperty('officialId');
      for (const official of ['Tran Thi B', 42, ['tran-thi-b']])
        await expect(verifier.verify(hs(claims({ official })))).rejects.toThrow("The token's official claim is not an official id.");
    });
  });

  it('keeps only the roles it knows and unit ids of a safe shape', async () => {
    await expect(verifier.verify(hs(claims({ roles: ['inspector', 'superuser'], units: ['gia-tan', '../etc', 42] })))).resolves.toEqual({
      subject: 'thanh-tra-1',
      roles: ['inspector'],
      units: ['gia-tan'],
    });
  });

  describe('from an external identity provider', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwks = {
      keys: [
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' },
        { ...ec.publicKey.export({ format: 'jwk' }), kid: 'k2', use: 'sig' },
      ],
    };
    const idpClaims = (overrides: Record<string, unknown> = {}) => ({
      iss: external.issuer,
      aud: ['account', 'ledger-api'],
      sub: 'f3c1a2',
      realm_access: { roles: ['standing-committee', 'offline_access'] },
      exp: NOW + 300,
      ...overrides,
    });
    let server: Server;
    let url: string;
    let fetches = 0;

    beforeAll(async () => {
      server = createServer((_, response) => {
        fetches += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(jwks));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('verifies RS256 and ES256 tokens with keys from a JWKS URL, fetched once and cached', async () => {
      const idp = new TokenVerifier(external, { source: new UrlKeySource(url) }, () => NOW);
      await expect(idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()))).resolves.toEqual({
        subject: 'f3c1a2',
        roles: ['standing-committee'],
        units: [],
      });
      await expect(idp.verify(asymmetric('ES256', ec.privateKey, idpClaims(), 'k2'))).resolves.toMatchObject({ subject: 'f3c1a2' });
      expect(fetches).toBe(1);
    });

    it('verifies with keys from a JWKS file', async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
      writeFileSync(path, JSON.stringify(jwks));
      const idp = new TokenVerifier(external, { source: new FileKeySource(path) }, () => NOW);
      await expect(idp.verify(asymmetric('ES256', ec.privateKey, idpClaims(), 'k2'))).resolves.toMatchObject({
        roles: ['standing-committee'],
      });
    });

    it.each([
      [
        'an HS256 token signed with the public key as secret (algorithm confusion)',
        () =>
          signHs256({ alg: 'HS256', kid: 'k1' }, idpClaims(), Buffer.from(rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string)),
        'algorithm "HS256" is not accepted',
      ],
      [
        'an embedded-mode token',
        () => mintEmbeddedToken(secret, { subject: 'x', roles: ['admin'], units: 'all', ttlSeconds: 60, nowSeconds: NOW }),
        'algorithm "HS256" is not accepted',
      ],
      [
        'a token signed by another key',
        () => asymmetric('RS256', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, idpClaims()),
        'signature does not verify',
      ],
      ['an ES256 token naming the RSA key', () => asymmetric('ES256', ec.privateKey, idpClaims(), 'k1'), 'No ES256 key with kid "k1"'],
      ['an unknown kid', () => asymmetric('RS256', rsa.privateKey, idpClaims(), 'rotated-away'), 'No RS256 key with kid "rotated-away"'],
      ['a wrong audience', () => asymmetric('RS256', rsa.privateKey, idpClaims({ aud: 'account' })), 'not meant for ledger-api'],
      ['a wrong issuer', () => asymmetric('RS256', rsa.privateKey, idpClaims({ iss: 'https://evil.example' })), 'not issued by'],
      ['an expired token', () => asymmetric('RS256', rsa.privateKey, idpClaims({ exp: NOW - 100 })), 'expired'],
    ])('refuses %s', async (_, token, reason) => {
      const idp = new TokenVerifier(external, { source: new UrlKeySource(url) }, () => NOW);
      await expect(idp.verify(await token())).rejects.toThrow(reason);
    });

    it('refuses a token signed with an RSA key under 2048 bits, saying why', async () => {
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const path = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
      writeFileSync(
        path,
        JSON.stringify({ keys: [...jwks.keys, { ...weak.publicKey.export({ format: 'jwk' }), kid: 'weak', use: 'sig', alg: 'RS256' }] }),
      );
      const idp = new TokenVerifier(external, { source: new FileKeySource(path) }, () => NOW);
      await expect(idp.verify(asymmetric('RS256', weak.privateKey, idpClaims(), 'weak'))).rejects.toThrow(
        'The identity provider\'s key "weak" is not accepted: it is a 1024-bit RSA key, and RSA keys need at least 2048 bits.',
      );
      await expect(idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()))).resolves.toMatchObject({ subject: 'f3c1a2' });
    });

    it('fetches the key set again for an unknown kid at most every 30 s, and keeps its keys while the provider is down', async () => {
      let clock = 0;
      let up = true;
      let served = 0;
      const provider = createServer((_, response) => {
        if (!up) return response.destroy();
        served += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(jwks));
      });
      await new Promise<void>((done) => provider.listen(0, '127.0.0.1', done));
      const source = new UrlKeySource(`http://127.0.0.1:${(provider.address() as { port: number }).port}/`, 600_000, 30_000, () => clock);
      const idp = new TokenVerifier(external, { source }, () => NOW);
      try {
        await idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()));
        const unknown = asymmetric('RS256', rsa.privateKey, idpClaims(), 'next-key');
        clock = 10_000;
        await expect(idp.verify(unknown)).rejects.toThrow('No RS256 key with kid "next-key"');
        expect(served).toBe(1); // within the cooldown: not fetched again
        clock = 31_000;
        await expect(idp.verify(unknown)).rejects.toThrow('No RS256 key with kid "next-key"');
        expect(served).toBe(2);
        up = false;
        clock = 700_000; // the cache is stale and the provider down: the keys fetched before still serve
        await expect(idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()))).resolves.toMatchObject({ subject: 'f3c1a2' });
      } finally {
        await new Promise<void>((done) => provider.close(() => done()));
      }
    });

    it('says the keys are unavailable (not that the token is bad) when the key set cannot be fetched', async () => {
      const idp = new TokenVerifier(external, { source: new UrlKeySource('http://127.0.0.1:9/jwks.json') }, () => NOW);
      await expect(idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()))).rejects.toThrow(KeySetUnavailable);
      await expect(idp.verify(asymmetric('RS256', rsa.privateKey, idpClaims()))).rejects.toThrow('key set could not be fetched');
    });
  });
});

describe('token lifetimes', () => {
  it.each([
    ['8h', 28_800],
    ['30m', 1_800],
    ['7d', 604_800],
    ['90s', 90],
    ['366d', 31_622_400],
  ])('reads %s', (text, seconds) => expect(parseTtl(text)).toBe(seconds));
  it.each(['', '0h', '8', 'h', '8 hours', '367d', '-1h'])('refuses %p', (text) => expect(parseTtl(text)).toBeUndefined());
});
