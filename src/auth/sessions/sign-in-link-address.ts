import type { Principal } from '../principal.js';
import { mintSignInLinkToken, SIGN_IN_LINK_SECONDS, SIGN_IN_PATH, signInLinkKey } from './sign-in-link.js';

/** The address `ledger token ... --link` prints: the console's sign-in page, with the link's token in the fragment. */
export function signInLinkAddress(
  tokenSecret: Buffer,
  publicBaseUrl: string,
  principal: Principal,
  sessionSeconds: number,
  nowSeconds = Date.now() / 1000,
): { readonly address: string; readonly validMinutes: number } {
  const token = mintSignInLinkToken(signInLinkKey(tokenSecret), { principal, sessionSeconds, nowSeconds });
  return { address: `${publicBaseUrl}${SIGN_IN_PATH}#link=${token}`, validMinutes: SIGN_IN_LINK_SECONDS / 60 };
}
