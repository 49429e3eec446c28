import { LedgerProcess } from './support/ledger-process.js';

describe('the built service as its own process', () => {
  let ledger: LedgerProcess;
  beforeAll(async () => {
    ledger = await LedgerProcess.create();
  });
  afterAll(() => ledger.dispose());

  it('starts on a new data folder, answers over HTTP, stops on SIGTERM with exit code 0, and starts again on the same folder', async () => {
    await ledger.start();
    const admin = ledger.token('admin-1', ['admin']);
    const created = await ledger.request('POST', '/api/v1/units', {
      token: admin,
      json: { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' },
    });
    expect(created.status).toBe(201);
    expect(await ledger.kill('SIGTERM')).toMatchObject({ code: 0 });

    await ledger.start();
    const read = await ledger.request('GET', '/api/v1/units/hai-duong', { token: admin });
    expect(read.status).toBe(200);
    expect(read.json()).toMatchObject({ name: 'Tỉnh Hải Dương' });
    expect(await ledger.kill('SIGTERM')).toMatchObject({ code: 0 });
  }, 120_000);
});
