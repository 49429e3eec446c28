import { deterministicUuid } from '../ledger/deterministic-uuid.js';

/** What an id of the source names: each kind is its own namespace, so case "12" and unit "12" stay apart. */
export type SourceIdKind = 'unit' | 'official' | 'assignment' | 'case' | 'visit' | 'finding' | 'meeting';

/**
 * The ledger's id for a record of a previous system: a UUID derived from the system's name, the kind
 * and the source's own id, so every run of an import (and every row naming that record) lands on the
 * same id, and two systems that both number their cases from 1 never collide.
 */
export function importedId(system: string, kind: SourceIdKind, sourceId: string): string {
  return deterministicUuid(`import\n${system}\n${kind}\n${sourceId}`);
}

/**
 * The id of the index-th event a row writes to a stream: derived from the row's identity (its rowId,
 * or its whole content), so a row imported before is recognised by the event it wrote, whichever file
 * or line it comes from this time.
 */
export function importedEventId(system: string, streamId: string, rowIdentity: string, index: number): string {
  return deterministicUuid(`import-event\n${system}\n${streamId}\n${rowIdentity}\n${index}`);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** One id derived by an import: the name it was derived from (kind, then the source's id) and the id. */
export type DerivedId = readonly [name: string, id: string];

/**
 * The ledger ids of one import, each derived once (a file names the same unit thousands of times), and
 * the way back: a refusal sentence from a decider names the ledger's id, the person fixing the file
 * knows the source's. The rows' checks may run in another thread with ImportedIds of their own: that
 * thread takes what each row derived (takeDerived) and this one learns it, so both hold the same ids
 * at the same row and a sentence is put in the source's terms exactly as if the row was checked here.
 */
export class ImportedIds {
  private readonly ids = new Map<string, string>();
  private readonly sources = new Map<string, string>();
  private derived: DerivedId[] | undefined;

  /** trackDerived: keep what is derived until takeDerived, for a thread that checks rows for another. */
  constructor(
    readonly system: string,
    trackDerived = false,
  ) {
    if (trackDerived) this.derived = [];
  }

  id(kind: SourceIdKind, sourceId: string): string {
    const name = `${kind}\n${sourceId}`;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = importedId(this.system, kind, sourceId);
      this.remember(name, id);
      this.derived?.push([name, id]);
    }
    return id;
  }

  /** The ids derived since the last call (only when tracking). */
  takeDerived(): DerivedId[] {
    const taken = this.derived ?? [];
    if (this.derived) this.derived = [];
    return taken;
  }

  /** Ids another ImportedIds of the same system derived: held as if derived here. */
  learn(derived: readonly DerivedId[]): void {
    for (const [name, id] of derived) if (!this.ids.has(name)) this.remember(name, id);
  }

  /** The sentence with every ledger id this import derived replaced by the source's id, quoted. */
  inSourceTerms(sentence: string): string {
    return sentence.replace(UUID, (id) => {
      const source = this.sources.get(id);
      return source === undefined ? id : JSON.stringify(source.split('\n').pop());
    });
  }

  private remember(name: string, id: string): void {
    this.ids.set(name, id);
    this.sources.set(id, name.slice(name.indexOf('\n') + 1));
  }
}
