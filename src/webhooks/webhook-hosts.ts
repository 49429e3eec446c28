/**
 * Whether deliveries may go to the URL's host under the allow-list (WEBHOOK_ALLOWED_HOSTS): a host
 * listed, or under a "*.domain" listed. An empty list trusts the admin who registered the URL. Checked
 * at registration and again before every attempt, so narrowing the list stops deliveries at once.
 */
export function hostRefusal(url: string, allowedHosts: readonly string[]): string | null {
  if (allowedHosts.length === 0) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // Not a URL at all: the decider refuses it as such (WEBHOOK.URL_INVALID), whatever the hosts allowed.
    return null;
  }
  const allowed = allowedHosts.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry));
  return allowed ? null : `Deliveries may go only to the hosts WEBHOOK_ALLOWED_HOSTS lists (${allowedHosts.join(', ')}), not to ${host}.`;
}
