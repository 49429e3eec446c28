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

    it('makes the keys of many subjects at once: new ones made, known ones kept, an erased one answered as erased', async () => {
      const [known, erased, fresh, another1] = [subject(), subject(), subject(), subject()];
      const knownKey = await store.keyFor(known, at('2026-03-01T08:00:00.000Z'));
      await store.keyFor(erased, at('2026-03-01T08:00:00.000Z'));
      await store.erase(erased, at('2026-03-02T08:00:00.000Z'));

      const keys = await store.keysFor([fresh, known, erased, another1, fresh], at('2026-03-03T08:00:00.000Z'));

      expect([...keys.keys()].sort()).toEqual([fresh, known, erased, another1].sort());
      expect(keys.get(known)).toEqual({ status: 'active', key: knownKey });
      expect(keys.get(erased)).toEqual({ status: 'erased', erasedAt: '2026-03-02T08:00:00.000Z' });
      const made = keys.get(fresh);
      expect(made).toEqual({ status: 'active', key: expect.any(Buffer) });
      expect((made as { key: Buffer }).key).toHaveLength(32);
      expect(keys.get(another1)).not.toEqual(made);
      const other = await another();
      expect(await other.lookup(fresh)).toEqual(made);
      expect(await other.keyFor(another1, new Date())).toEqual((keys.get(another1) as { key: Buffer }).key);
      expect(await store.keysFor([], new Date())).toEqual(new Map());
    });

    it('gives one key per subject when batches on several instances overlap', async () => {
      const ids = Array.from({ length: 30 }, subject);
      const instances = [store, await another(), await another()];
      const batches = await Promise.all(
        instances.map((each, index) => each.keysFor(index === 1 ? [...ids].reverse() : ids.slice(index * 5), new Date())),
      );
      const single = await Promise.all(ids.map((id) => instances[2]!.keyFor(id, new Date())));
      for (const [index, id] of ids.entries()) {
        const seen = batches.flatMap((batch) => (batch.has(id) ? [(batch.get(id) as { key: Buffer }).key.toString('hex')] : []));
        expect(new Set([...seen, single[index]!.toString('hex')]).size).toBe(1);
      }
    });

    it('never leaves a key behind an erasure, when a batch of creations races erasures on another instance', async () => {
      const other = await another();
      const ids = Array.from({ length: 40 }, subject);
      const [batch, erasures] = await Promise.all([
        store.keysFor(ids, new Date()),
        Promise.all(ids.filter((_, index) => index % 2 === 0).map((id) => other.erase(id, new Date()))),
      ]);
      const observer = await another();
      for (const [index, id] of ids.entries()) {
        const found = await observer.lookup(id);
        const erasedHere = index % 2 === 0 && erasures[index / 2]!.outcome === 'erased';
        expect([id, found.status]).toEqual([id, erasedHere ? 'erased' : 'active']);
        // The batch answered what the store holds: a key it handed out is the key kept, unless erased after.
        if (!erasedHere) expect([id, batch.get(id)]).toEqual([id, found]);
      }
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
