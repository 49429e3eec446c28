/** Why a token was refused; the sentence is safe to return to the caller (it never repeats the token). */
export class TokenRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

/** The algorithms this service accepts: HS256 for its own tokens, RS256/ES256 from an identity provider. */
export type JwsAlgorithm = 'HS256' | 'RS256' | 'ES256';
