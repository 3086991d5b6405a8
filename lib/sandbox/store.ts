/**
 * The sandbox's state (projects, tasks, queues, models) and its persistence: the whole state is
 * written to a temporary file and renamed over the data file, so a crash at any moment leaves
 * either the old or the new state, never a torn one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError } from '../base/errors';

/** A stored document: a JSON object with an id. */
export interface Doc {
  /** 32-hex id. */
  id: string;
  /** Any other field. */
  [field: string]: unknown;
}

/** Everything the sandbox knows. */
export interface SandboxState {
  /** Format version of the data file. */
  version: 1;
  /** Access key accepted (persisted so a restart keeps generated credentials). */
  accessKey: string;
  /** Secret key accepted. */
  secretKey: string;
  /** Token signing secret (persisted so tokens survive a restart). */
  tokenSecret: string;
  /** Projects by id, in creation order. */
  projects: Record<string, Doc>;
  /** Tasks by id, in creation order. */
  tasks: Record<string, Doc>;
  /** Queues by id, in creation order. */
  queues: Record<string, Doc>;
  /** Models by id, in creation order. */
  models: Record<string, Doc>;
}

/** An empty state with the given credentials. */
export function emptyState(accessKey: string, secretKey: string, tokenSecret: string): SandboxState {
  return { version: 1, accessKey, secretKey, tokenSecret, projects: {}, tasks: {}, queues: {}, models: {} };
}

/** Reads the state from `file`, or returns undefined when the file does not exist. */
export function loadState(file: string): SandboxState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  let state: SandboxState;
  try {
    state = JSON.parse(text) as SandboxState;
  } catch (error) {
    throw unreadableDataFile(file, `is not valid JSON (${(error as Error).message})`);
  }
  const collections = ['projects', 'tasks', 'queues', 'models'] as const;
  if (typeof state !== 'object' || state === null || state.version !== 1 || collections.some((c) => typeof state[c] !== 'object' || state[c] === null)) {
    throw unreadableDataFile(file, 'is not a version 1 sandbox state (it needs "version": 1 and the projects, tasks, queues and models objects)');
  }
  return state;
}

/** The environment error for a data file the sandbox cannot use; the file is left as it is. */
function unreadableDataFile(file: string, problem: string): EnvironmentError {
  return new EnvironmentError('SandboxDataUnreadable',
    `The sandbox data file ${file} ${problem}. It was not changed. Restore it from a copy, or delete it to start from an empty sandbox (what it held is then lost).`);
}

let tmpCounter = 0;

/**
 * Writes `chunks` to `file` atomically: a temporary file in the same directory (one gathered
 * write, no copy of the chunks), then rename.
 */
export function writeAtomically(file: string, chunks: readonly Buffer[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  tmpCounter += 1;
  const tmp = `${file}.tmp-${process.pid}-${tmpCounter}`;
  const expected = chunks.reduce((sum, c) => sum + c.length, 0);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    const written = fs.writevSync(fd, chunks as Buffer[]);
    if (written !== expected) {
      fs.writeSync(fd, Buffer.concat(chunks as Buffer[]).subarray(written));
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
