import { connect, type Socket } from 'node:net';
import { LedgerProcess } from './support/ledger-process.js';

/** What the socket received, and how long until the service closed it. */
function heldFor(socket: Socket): Promise<{ received: string; closedAfterMs: number }> {
  const started = Date.now();
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  return new Promise((resolve) => socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started })));
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** A client that stops sending part-way must not hold a connection (and a worker's attention) for ever. */
describe('slow and stalled clients', () => {
  let ledger: LedgerProcess;
  beforeAll(async () => {
    ledger = await LedgerProcess.create({
      HTTP_HEADERS_TIMEOUT_SECONDS: '2',
      HTTP_REQUEST_TIMEOUT_SECONDS: '3',
      SHUTDOWN_GRACE_SECONDS: '5',
    });
    await ledger.start();
  }, 120_000);
  afterAll(() => ledger.dispose());

  it('answers 408 and closes the socket when a body stops short of its Content-Length', async () => {
    const socket = await open(ledger.port);
    const closed = heldFor(socket);
    socket.write(
      `POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\ndescription=sho`,
    );
    const { received, closedAfterMs } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(2500);
    expect(closedAfterMs).toBeLessThan(15_000); // 3 s, checked every second; more on a machine that is very busy
  }, 60_000);

  it('closes a connection whose headers never end', async () => {
    const socket = await open(ledger.port);
    const closed = heldFor(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const { closedAfterMs } = await closed;
    expect(closedAfterMs).toBeLessThan(5000);
  }, 20_000);

  // A request still arriving may be a slow upload: it has the grace period to finish, then it is cut.
  it('stops at the end of the grace period, with exit code 1, while a client holds a half-sent request', async () => {
    const socket = await open(ledger.port);
    socket.on('error', () => undefined);
    socket.write('POST /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"unit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exit = await ledger.kill('SIGTERM');
    expect(exit.code).toBe(1);
    expect(exit.afterSignalMs).toBeGreaterThanOrEqual(5000);
    expect(exit.afterSignalMs).toBeLessThan(5000 + 1500);
    expect(ledger.log).toContain('Grace period over');
    socket.destroy();
  }, 20_000);
});
