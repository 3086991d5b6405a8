/**
 * Persisting the state after every write, cheaply: documents are serialised once and their JSON
 * cached until a change marks them dirty; the whole file is then assembled from the cache and
 * written atomically (temporary file, then rename).
 */
import { Doc, SandboxState, writeAtomically } from './store';
import { ChangeTracker } from './tracking';

const COLLECTIONS = ['projects', 'tasks', 'queues', 'models'] as const;

type CollectionName = (typeof COLLECTIONS)[number];

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from('}');

/** A state persisted to a file after each {@link save}. */
export class PersistedState {
  /** The tracked view handlers read and mutate. */
  public readonly view: SandboxState;
  private readonly raw: SandboxState;
  private readonly file: string;
  private readonly tracker = new ChangeTracker();
  private readonly cache = new Map<string, Buffer>();

  /**
   * @param file the data file
   * @param raw the state to track (as loaded or freshly made)
   */
  public constructor(file: string, raw: SandboxState) {
    this.file = file;
    this.raw = raw;
    const view = { ...raw };
    for (const name of COLLECTIONS) {
      view[name] = this.tracker.collection(name, raw[name]);
    }
    this.view = view;
  }

  /** Writes the whole state if anything changed since the last save (or always when `force`). */
  public save(force = false): void {
    if (!force && this.tracker.dirty.size === 0) {
      return;
    }
    for (const key of this.tracker.dirty) {
      this.cache.delete(key);
    }
    this.tracker.dirty.clear();
    writeAtomically(this.file, this.serialize());
  }

  private serializeCollection(name: CollectionName, chunks: Buffer[]): void {
    chunks.push(Buffer.from(`${JSON.stringify(name)}:{`));
    let first = true;
    for (const [id, doc] of Object.entries(this.raw[name] as Record<string, Doc>)) {
      const key = `${name}/${id}`;
      let json = this.cache.get(key);
      if (json === undefined) {
        json = Buffer.from(`${JSON.stringify(id)}:${JSON.stringify(doc)}`);
        this.cache.set(key, json);
      }
      if (!first) {
        chunks.push(COMMA);
      }
      chunks.push(json);
      first = false;
    }
    chunks.push(CLOSE);
  }

  private serialize(): Buffer[] {
    const { version, accessKey, secretKey, tokenSecret } = this.raw;
    const chunks = [Buffer.from(JSON.stringify({ version, accessKey, secretKey, tokenSecret }).slice(0, -1))];
    for (const name of COLLECTIONS) {
      chunks.push(COMMA);
      this.serializeCollection(name, chunks);
    }
    chunks.push(CLOSE);
    return chunks;
  }
}
