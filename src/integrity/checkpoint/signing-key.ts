import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../config/ledger.config.js';
import type { IntegrityConfig } from '../../config/ledger.config.js';
import { rawPublicKey } from './signed-note.js';

/** The checkpoint signing key kept in the data folder when none is supplied by configuration. */
export const SIGNING_KEY_FILE = 'checkpoint-signing-key.pem';

export function signingKeyPath(dataDir: string, config: IntegrityConfig): string {
  return config.signingKeyFile ?? join(dataDir, SIGNING_KEY_FILE);
}

/**
 * The Ed25519 key that signs checkpoints: the configured PKCS #8 PEM file, or the data folder's own,
 * generated on first use (readable by the owner only). A configured file is never generated: a
 * missing one is a configuration error, so a typo cannot silently start a second identity.
 */
export function loadOrCreateSigningKey(dataDir: string, config: IntegrityConfig): KeyObject {
  const file = signingKeyPath(dataDir, config);
  if (config.signingKeyFile === undefined && !existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first: use theirs
    }
  }
  return loadSigningKey(file, config.signingKeyFile !== undefined);
}

export function loadSigningKey(file: string, configured: boolean): KeyObject {
  const setting = configured ? 'LEDGER_SIGNING_KEY_FILE' : 'LEDGER_DATA_DIR';
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'it does not exist'
        : `it is not a PEM private key (${(error as Error).message})`;
    throw new ConfigurationError(setting, `must lead to an Ed25519 signing key, but "${file}" cannot be used: ${reason}.`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigurationError(setting, `must lead to an Ed25519 signing key; "${file}" holds a ${key.asymmetricKeyType} key.`);
  }
  rawPublicKey(key);
  return key;
}
