import { createHash, createHmac, randomBytes } from 'node:crypto';

/*
 * The Standard Webhooks signature (standardwebhooks.com, spec/standard-webhooks.md): the secret is
 * "whsec_" followed by the base64 of its bytes; a delivery carries webhook-id, webhook-timestamp (Unix
 * seconds) and webhook-signature "v1,<base64 of HMAC-SHA256(secret bytes, id + "." + timestamp + "." + body)>".
 * The body signed is the exact bytes sent.
 */

const SECRET_PREFIX = 'whsec_';

/** A new secret: 32 random bytes (the spec asks for 24 to 64), in the whsec_ form a receiver's library takes. */
export function newWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return `${SECRET_PREFIX}${random(32).toString('base64')}`;
}

/** The secret's SHA-256 in hex: recorded in the ledger instead of the secret. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function signatureOf(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers of one attempt: a fresh timestamp and signature each time, the same id. */
export function standardWebhookHeaders(secret: string, webhookId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatureOf(secret, webhookId, timestampSeconds, body),
  };
}
