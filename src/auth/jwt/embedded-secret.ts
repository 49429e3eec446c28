import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const SECRET_BYTES = 64;

/** Where the embedded mode keeps its HS256 secret: in the data folder, readable by its owner only. */
export function embeddedSecretPath(dataDir: string): string {
  return join(dataDir, 'auth', 'hs256.secret');
}

/**
 * The data folder's HS256 secret, generated on first use. Creation is exclusive (`wx`), so the service
 * and the CLI starting together end up with one secret, never two.
 */
export function embeddedSecret(dataDir: string): Buffer {
  const path = embeddedSecretPath(dataDir);
  mkdirSync(join(dataDir, 'auth'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  if (secret.length < 32)
    throw new Error(
      `The token secret in ${path} is shorter than 32 bytes; delete it to make a new one (every token issued with it stops working).`,
    );
  return secret;
}
