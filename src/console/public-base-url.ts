/**
 * PUBLIC_BASE_URL: where people reach the service, as an origin (scheme, host, port). Sign-in links
 * are printed with it, and a write made with the session cookie must come from it (or from the
 * origin the request itself names). Behind a reverse proxy, set it to the proxy's https address.
 */
export function parsePublicBaseUrl(raw: string | undefined, port: number): { readonly value: string } | { readonly error: string } {
  const text = raw?.trim();
  if (!text) return { value: `http://localhost:${port}` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `must be an http(s) address such as https://ledger.haiduong.gov.vn, got "${text}".` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `must be an http(s) address such as https://ledger.haiduong.gov.vn, got "${text}".` };
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return { error: `must be an origin only (scheme, host and port: the console is served at /), got "${text}".` };
  return { value: url.origin };
}
