/**
 * A small HTTP client for the demo: every POST carries an Idempotency-Key derived from what it
 * records, so running the demo twice records nothing twice.
 */
export class LedgerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async post<T = Record<string, unknown>>(path: string, key: string, body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `demo:${key}`,
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status} ${answer.code ?? ''}: ${answer.message ?? ''}`);
    return answer;
  }

  async health(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/health`).catch((error: Error) => {
      throw new Error(`No ledger answers at ${this.baseUrl} (${error.message}); start it with npm start, or set BASE_URL.`);
    });
    if (!response.ok) throw new Error(`${this.baseUrl}/health answered ${response.status}`);
  }
}
