import { parseSetCookie } from 'cookie';

export interface Answer {
  readonly url: string;
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/**
 * What a browser does that a test of a redirect-based sign-in needs: a cookie jar per origin (cookies
 * with an expiry in the past are removed) and requests that follow redirects one hop at a time, so
 * the test can look at, or change, every address on the way.
 */
export class BrowserSession {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Answer> {
    return this.send(url, { method: 'GET' });
  }

  async postForm(url: string, fields: Readonly<Record<string, string>>): Promise<Answer> {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Follows redirects from url until an answer that is not one, or until `stopAt` says to stop at an address. */
  async follow(first: Answer, stopAt: (url: string) => boolean = () => false): Promise<Answer> {
    let answer = first;
    for (let hop = 0; hop < 20 && answer.location !== undefined; hop++) {
      const next = new URL(answer.location, answer.url).href;
      if (stopAt(next)) return answer;
      answer = await this.get(next);
    }
    return answer;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  /** The Cookie header this browser sends to an origin. */
  cookieHeader(origin: string): string {
    return [...(this.jar.get(origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async send(url: string, init: RequestInit): Promise<Answer> {
    const origin = new URL(url).origin;
    const headers = new Headers(init.headers);
    const cookies = this.cookieHeader(origin);
    if (cookies) headers.set('cookie', cookies);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(origin, response.headers.getSetCookie());
    return { url, status: response.status, location: response.headers.get('location') ?? undefined, body: await response.text() };
  }

  private remember(origin: string, setCookies: readonly string[]): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    this.jar.set(origin, cookies);
    for (const header of setCookies) {
      const cookie = parseSetCookie(header);
      const expired = (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0;
      if (expired || cookie.value === '') cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value ?? '');
    }
  }
}

/** The action of the first form of an HTML page, as an absolute address. */
export function formAction(page: Answer): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
  if (action === undefined) throw new Error(`No form at ${page.url} (status ${page.status}): ${page.body.slice(0, 300)}`);
  return new URL(action.replaceAll('&amp;', '&'), page.url).href;
}
