import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/config/ledger.config.js';
import { loadOrCreateSigningKey } from '../../src/integrity/checkpoint/signing-key.js';
import { verifierKeyOf } from '../../src/integrity/checkpoint/signed-note.js';

describe('the checkpoint signing key', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ledger-key-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const settings = (signingKeyFile?: string) => ({
    origin: 'ledger.test/log',
    checkpointEveryEvents: 0,
    checkpointEveryMinutes: 0,
    signingKeyFile,
  });

  it('is generated into the data folder once (mode 0600), then the same key is loaded on every start', () => {
    const first = loadOrCreateSigningKey(folder, settings());
    const file = join(folder, 'checkpoint-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadOrCreateSigningKey(folder, settings());
    expect(verifierKeyOf('ledger.test/log', again).text).toBe(verifierKeyOf('ledger.test/log', first).text);
  });

  it('is the operator’s own key when LEDGER_SIGNING_KEY_FILE names one, and nothing is generated', () => {
    const supplied = generateKeyPairSync('ed25519').privateKey;
    const file = join(folder, 'operator.pem');
    writeFileSync(file, supplied.export({ format: 'pem', type: 'pkcs8' }));
    const loaded = loadOrCreateSigningKey(folder, settings(file));
    expect(verifierKeyOf('ledger.test/log', loaded).text).toBe(verifierKeyOf('ledger.test/log', supplied).text);
    expect(() => statSync(join(folder, 'checkpoint-signing-key.pem'))).toThrow();
  });

  it.each([
    [
      'a missing file',
      (dir: string) => join(dir, 'missing.pem'),
      /LEDGER_SIGNING_KEY_FILE must lead to an Ed25519 signing key, but ".*missing\.pem" cannot be used: it does not exist\./,
    ],
    [
      'an RSA key',
      (dir: string) => {
        const file = join(dir, 'rsa.pem');
        writeFileSync(file, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
        return file;
      },
      /LEDGER_SIGNING_KEY_FILE must lead to an Ed25519 signing key; ".*rsa\.pem" holds a rsa key\./,
    ],
    [
      'a file that is no key',
      (dir: string) => {
        const file = join(dir, 'note.txt');
        writeFileSync(file, 'not a key');
        return file;
      },
      /cannot be used: it is not a PEM private key/,
    ],
  ])('refuses %s as a configuration error naming the setting', (_, make, message) => {
    const file = make(folder);
    expect(() => loadOrCreateSigningKey(folder, settings(file))).toThrow(ConfigurationError);
    expect(() => loadOrCreateSigningKey(folder, settings(file))).toThrow(message);
  });
});
