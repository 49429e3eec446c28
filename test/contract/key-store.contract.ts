import { randomUUID } from 'node:crypto';
import { SubjectErasedError, type PersonalDataKeyStore } from '../../src/personal-data/key-stores/key-store.port.js';

/** Opens a store on the same data the previous calls of this suite opened (two instances of the service, or two processes). */
export interface KeyStoreUnderTest {
  open(): Promise<PersonalDataKeyStore>;
}

const at = (text: string) => new Date(text);
const subject = () => `reporter-${randomUUID()}`;

/** What every personal-data key store promises, whatever it is built on. */
export function keyStoreContract(name: string, underTest: () => KeyStoreUnderTest): void {
  describe(`${name}: the personal-data key store contract`, () => {
    let opened: PersonalDataKeyStore[];
    let store: PersonalDataKeyStore;
    const another = async () => {
      const other = await underTest().open();
      opened.push(other);
      return other;
    };

    beforeEach(async () => {
      opened = [];
      store = await another();
    });
    afterEach(async () => {
      await Promise.all(opened.map((each) => each.close()));
    });

    it('makes a 256-bit key on first use and gives the same key ever after, to every instance', async () => {
      const id = subject();
      expect(await store.lookup(id)).toEqual({ status: 'unknown' });
      const key = await store.keyFor(id, at('2026-03-01T08:00:00.000Z'));
      expect(key).toHaveLength(32);
      expect(await store.keyFor(id, at('2026-03-02T08:00:00.000Z'))).toEqual(key);
      expect(await (await another()).lookup(id)).toEqual({ status: 'active', key });
      expect(await store.keyFor(subject(), at('2026-03-01T08:00:00.000Z'))).not.toEqual(key);
    });

    it('gives one key when several instances make the same subject at once', async () => {
      const id = subject();
      const instances = [store, await another(), await another()];
      const keys = await Promise.all(instances.flatMap((each) => [each.keyFor(id, new Date()), each.keyFor(id, new Date())]));
      expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    });

    it('erases: the key is gone, the erasure is remembered with its time, and the subject never gets a new key', async () => {
      const id = subject();
      await store.keyFor(id, at('2026-03-01T08:00:00.000Z'));
      expect(await store.erase(id, at('2026-03-05T09:30:00.000Z'))).toEqual({ outcome: 'erased', erasedAt: '2026-03-05T09:30:00.000Z' });
      const other = await another();
      expect(await other.lookup(id)).toEqual({ status: 'erased', erasedAt: '2026-03-05T09:30:00.000Z' });
      expect(await other.erase(id, at('2026-03-06T00:00:00.000Z'))).toEqual({
        outcome: 'already-erased',
        erasedAt: '2026-03-05T09:30:00.000Z',
      });
      await expect(other.keyFor(id, at('2026-03-07T00:00:00.000Z'))).rejects.toEqual(
        new SubjectErasedError(id, '2026-03-05T09:30:00.000Z'),
      );
      expect(await store.lookup(id)).toEqual({ status: 'erased', erasedAt: '2026-03-05T09:30:00.000Z' });
    });

    it('erases nothing for a subject it never saw', async () => {
      const id = subject();
      expect(await store.erase(id, new Date())).toEqual({ outcome: 'unknown' });
      expect(await store.lookup(id)).toEqual({ status: 'unknown' });
      expect(await store.keyFor(id, new Date())).toHaveLength(32); // not erased: it may still get its key
    });

    it('never leaves a key behind an erasure, when creations and erasures race on two instances', async () => {
      const other = await another();
      const ids = Array.from({ length: 40 }, subject);
      const erasures = await Promise.all(
        ids.map(async (id, index) => {
          const [erasure] = await Promise.all([
            (index % 2 ? store : other).erase(id, new Date()),
            (index % 2 ? other : store).keyFor(id, new Date()).catch((error: unknown) => {
              if (!(error instanceof SubjectErasedError)) throw error;
            }),
          ]);
          return erasure;
        }),
      );
      const observer = await another();
      for (const [index, id] of ids.entries()) {
        const found = await observer.lookup(id);
        // Erased means erased for good: a key created by the losing side of the race would show as active.
        if (erasures[index]!.outcome === 'erased') expect([id, found.status]).toEqual([id, 'erased']);
        else expect([id, found.status]).toEqual([id, 'active']);
      }
    });
  });
}
