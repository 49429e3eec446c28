import type request from 'supertest';

/**
 * POSTs that must succeed with the given status, remembering the highest Ledger-Position answered,
 * so a read-model query can pass it as minPosition and read what the test wrote.
 */
export class TrackedWrites {
  position = 0;

  constructor(private readonly http: ReturnType<typeof request>) {}

  async post(path: string, body: object, status = 201) {
    const response = await this.http.post(path).send(body);
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    this.position = Math.max(this.position, Number(response.headers['ledger-position']));
    return response;
  }
}
