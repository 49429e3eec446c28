import { startKeepAliveWriters } from './support/keep-alive-writers.js';
import { LedgerProcess } from './support/ledger-process.js';
import { bySoak, reportFigure } from './support/soak.js';

const CLIENTS = bySoak(16, 32);
const LOAD_MS = bySoak(1500, 5000);
const ROUNDS = bySoak(1, 3);
const GRACE_SECONDS = 10;

/**
 * SIGTERM while keep-alive clients write as fast as they are answered: the service stops accepting,
 * answers what it received (telling each client its connection closes), stops its projections and
 * Merkle log, and exits 0 within the grace period; every write it acknowledged is there after a restart.
 */
/** When the service logged that it is stopping (its JSON log lines carry a millisecond timestamp), for the given round. */
function stoppingLoggedAt(log: string, round: number): number {
  const lines = log.split('\n').filter((line) => line.includes('"message":"Stopping"'));
  const timestamp = /"timestamp":(\d+)/.exec(lines[round - 1] ?? '')?.[1];
  if (timestamp === undefined) throw new Error(`The service did not log that it was stopping:\n${log.slice(-2000)}`);
  return Number(timestamp);
}

describe('stopping the service under load', () => {
  let ledger: LedgerProcess;
  beforeAll(async () => {
    ledger = await LedgerProcess.create({ SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
  });
  afterAll(() => ledger.dispose());

  it(`exits 0 within ${GRACE_SECONDS} s of SIGTERM with ${CLIENTS} keep-alive clients writing, losing no acknowledged write`, async () => {
    await ledger.start();
    const admin = ledger.token('admin-1', ['admin']);
    await ledger.request('POST', '/api/v1/units', {
      token: admin,
      json: { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' },
    });
    const acknowledged: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) await ledger.start();
      const load = startKeepAliveWriters({
        baseUrl: ledger.baseUrl,
        clients: CLIENTS,
        path: '/api/v1/cases',
        token: ledger.token('van-thu-1', ['recorder']),
        body: (client, sequence) => ({
          unitId: 'hai-duong',
          category: 'reflection',
          channel: 'hotline',
          summary: `round ${round}, client ${client}, report ${sequence}`,
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      const signalledAt = Date.now();
      const exit = await ledger.kill('SIGTERM');
      await load.finished; // each client stops at its first refused or closed connection

      const answers = load.answers;
      const afterSignal = answers.filter((answer) => answer.at > signalledAt);
      // An answer may be on the wire when the service turns to the signal (it logs when); after that, every one says Connection: close.
      const stoppingAt = stoppingLoggedAt(ledger.log, round);
      // The margin: an answer written just before may reach a client on a busy machine a little later.
      const afterStopping = answers.filter((answer) => answer.at > stoppingAt + 1000);
      const lateWithoutClose = afterStopping.filter((answer) => answer.connection !== 'close');
      const serverErrors = answers.filter((answer) => answer.status >= 500);
      acknowledged.push(...answers.filter((answer) => answer.status === 201).map((answer) => answer.location!));

      reportFigure(`SIGTERM stop time under load, round ${round} (ms)`, exit.afterSignalMs ?? -1);
      reportFigure(`writes acknowledged before the signal, round ${round}`, answers.length - afterSignal.length);
      reportFigure(`answers after the signal, round ${round}`, afterSignal.length);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.afterSignalMs).toBeLessThan(GRACE_SECONDS * 1000);
      expect(answers.length).toBeGreaterThan(CLIENTS);
      expect(serverErrors).toEqual([]);
      expect(lateWithoutClose).toEqual([]);
      expect(afterStopping.length).toBeLessThanOrEqual(CLIENTS); // at most the one each connection had in flight
      expect(ledger.log).toContain('"message":"Stopped"');
    }

    await ledger.start();
    const inspector = ledger.token('thanh-tra-1', ['inspector']);
    const missing: string[] = [];
    for (let next = 0; next < acknowledged.length; next += 16) {
      const reads = await Promise.all(
        acknowledged
          .slice(next, next + 16)
          .map(async (location) => ({ location, read: await ledger.request('GET', location, { token: inspector }) })),
      );
      missing.push(...reads.filter(({ read }) => read.status !== 200).map(({ location }) => location));
    }
    reportFigure('acknowledged writes checked after restart', acknowledged.length);
    reportFigure('acknowledged writes lost', missing.length);
    expect(missing).toEqual([]);
    expect(await ledger.kill('SIGTERM')).toMatchObject({ code: 0 });
  }, 180_000);
});
