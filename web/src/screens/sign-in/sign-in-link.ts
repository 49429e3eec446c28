/** What the console can read of a sign-in link before using it: who it signs in, and until when (the server checks the signature). */
export interface LinkPreview {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly units: readonly string[] | 'all';
  readonly expiresAt: Date;
}

/** The link's token from the address's fragment (#link=...), which never reaches the server's logs. */
export function linkFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('link');
  return token && /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) ? token : undefined;
}

export function previewLink(token: string): LinkPreview | undefined {
  try {
    const payload = token.split('.')[1];
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || typeof claims.exp !== 'number') return undefined;
    return {
      subject: claims.sub,
      roles: claims.roles.map(String),
      units: claims.units === '*' ? 'all' : Array.isArray(claims.units) ? claims.units.map(String) : [],
      expiresAt: new Date(claims.exp * 1000),
    };
  } catch {
    return undefined;
  }
}
