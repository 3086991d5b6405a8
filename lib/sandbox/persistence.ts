/**
 * Persisting the state after every write, cheaply: documents are serialised once and their JSON
 * cached until a change marks them dirty; the whole file is then assembled from the cache and
 * written atomically (temporary file, then rename).
 *
 * Several processes may serve the same data file at once (two `--sandbox` commands in one
 * project): every write runs under the file's lock and starts by reloading the file when another
 * process replaced it, and every read starts with the same reload, so all of them see one state
 * and none loses another's write.
 */
import * as fs from 'node:fs';
import { DataFileLock } from './file-lock';
import { Doc, SandboxState, loadState, writeAtomically } from './store';
import { ChangeTracker } from './tracking';

const COLLECTIONS = ['projects', 'tasks', 'queues', 'models'] as const;

type CollectionName = (typeof COLLECTIONS)[number];

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from('}');

/** A state persisted to a file after each {@link save}. */
export class PersistedState {
  /**
   * Opens `file` under its lock: `prepare` receives what the file holds (undefined when there is
   * none) and returns the state to serve, which is written back before the lock is released.
   */
  public static async open(file: string, prepare: (stored: SandboxState | undefined) => SandboxState): Promise<PersistedState> {
    const lock = new DataFileLock(file);
    let persisted: PersistedState | undefined;
    await lock.hold(() => undefined, async () => {
      persisted = new PersistedState(file, prepare(loadState(file)), lock);
      persisted.save(true);
    });
    return persisted as PersistedState;
  }

  /** The tracked view handlers read and mutate (the same object for the life of the server). */
  public readonly view = {} as SandboxState;
  private raw!: SandboxState;
  private tracker!: ChangeTracker;
  private stamp?: string;
  private readonly file: string;
  private readonly lock: DataFileLock;
  private readonly cache = new Map<string, Buffer>();

  private constructor(file: string, raw: SandboxState, lock: DataFileLock) {
    this.file = file;
    this.lock = lock;
    this.adopt(raw);
  }

  /**
   * Runs one request on the file's latest state (reloaded when another process replaced it); a
   * `write` holds the file's lock and is saved before it ends.
   */
  public transaction<T>(write: boolean, work: () => Promise<T>): Promise<T> {
    if (!write) {
      if (!this.lock.held) {
        this.refresh();
      }
      return work();
    }
    return this.lock.hold(() => this.refresh(), async () => {
      try {
        return await work();
      } finally {
        this.save();
      }
    });
  }

  private adopt(raw: SandboxState): void {
    this.raw = raw;
    this.tracker = new ChangeTracker();
    this.cache.clear();
    Object.assign(this.view, raw);
    for (const name of COLLECTIONS) {
      this.view[name] = this.tracker.collection(name, raw[name]);
    }
  }

  /** Reloads the file when it is not the one this process last read or wrote. */
  private refresh(): void {
    const stamp = fileStamp(this.file);
    if (stamp === undefined || stamp === this.stamp) {
      return;
    }
    const loaded = loadState(this.file);
    if (loaded !== undefined) {
      this.adopt(loaded);
      this.stamp = stamp;
    }
  }

  /** Writes the whole state if anything changed since the last save (or always when `force`). */
  private save(force = false): void {
    if (!force && this.tracker.dirty.size === 0) {
      return;
    }
    for (const key of this.tracker.dirty) {
      this.cache.delete(key);
    }
    this.tracker.dirty.clear();
    writeAtomically(this.file, this.serialize());
    this.stamp = fileStamp(this.file);
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

/** Identifies one version of a file (a rename gives a new inode and change time). */
function fileStamp(file: string): string | undefined {
  try {
    const stat = fs.statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return undefined;
  }
}
