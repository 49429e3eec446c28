/**
 * BENCH_ONLY=personal-data: what sealing reporters costs a case receipt, and opening one costs a read.
 *  - new subject: a random key made and stored durably in keys.db (one transaction, synchronous FULL,
 *    rollback journal), then AES-256-GCM with the synthetic IV: what every receipt with a reporter pays;
 *  - repeat seal: the key found, the same bytes sealed again (a retried receipt);
 *  - open: the key looked up, the data authenticated and decrypted (a permitted read, before its record).
 *   BENCH_PERSONAL_DATA_SUBJECTS=2000
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { keyStorePath, SqliteKeyStore } from '../../src/personal-data/key-stores/sqlite-key-store.js';
import { PersonalDataVault } from '../../src/personal-data/personal-data-vault.js';
import type { SealedPersonalData } from '../../src/personal-data/sealed-personal-data.js';
import { makeBenchFolder } from '../environment.js';

const reporter = {
  name: 'Nguyễn Văn A',
  phone: '0912 345 678',
  email: 'a@example.vn',
  address: 'Thôn Cậy, xã Gia Tân, huyện Gia Lộc',
  identityNumber: '030195001234',
};

export async function runPersonalDataBench(projectRoot: string): Promise<Record<string, number>> {
  const subjects = Number(process.env.BENCH_PERSONAL_DATA_SUBJECTS ?? 2000);
  const folder = makeBenchFolder(projectRoot);
  const keys = new SqliteKeyStore(keyStorePath(folder));
  const vault = new PersonalDataVault(keys);
  const now = new Date();
  const sealed: SealedPersonalData[] = [];
  try {
    const timed = async (label: string, run: (index: number) => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      for (let index = 0; index < subjects; index++) await run(index);
      const microseconds = ((performance.now() - started) * 1000) / subjects;
      console.log(`${label.padEnd(34)} ${microseconds.toFixed(1).padStart(8)} µs per operation (${subjects} subjects)`);
      return microseconds;
    };
    const newSubject = await timed('seal, new subject (durable key)', async (index) =>
      sealed.push(await vault.seal(`reporter-c${index}`, `case-c${index}/reporter`, reporter, now)),
    );
    const repeat = await timed('seal, existing subject (retry)', (index) =>
      vault.seal(`reporter-c${index}`, `case-c${index}/reporter`, reporter, now),
    );
    const open = await timed('open (lookup + decrypt)', async (index) => {
      if ((await vault.open(sealed[index], `case-c${index}/reporter`)).status !== 'open') throw new Error('did not open');
    });
    return { newSubjectMicroseconds: newSubject, repeatSealMicroseconds: repeat, openMicroseconds: open };
  } finally {
    await keys.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
