/**
 * Test helper: real HTTP calls to a sandbox on loopback (undici `request`, so GET can carry a body).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import { RunningSandbox, SandboxOptions, startSandbox } from '../../lib/sandbox/start';

/** A parsed response. */
export interface Reply {
  /** HTTP status. */
  readonly status: number;
  /** Parsed JSON body (undefined when not JSON). */
  readonly json: any;
  /** Response headers. */
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Options of one raw call. */
export interface CallOptions {
  /** HTTP method. @default 'POST' */
  readonly method?: 'GET' | 'POST' | 'PUT';
  /** Authorization header value. @default none */
  readonly authorization?: string;
  /** Path prefix before `service.action`. @default '/v2.23' */
  readonly prefix?: string;
  /** Extra headers. @default none */
  readonly headers?: Record<string, string>;
  /** Raw body text instead of JSON. @default JSON of the body */
  readonly rawBody?: string;
  /** Query string (without `?`). @default none */
  readonly query?: string;
}

/** One raw call. */
export async function rawCall(url: string, endpoint: string, body: unknown = {}, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.headers ?? {}) };
  if (options.authorization !== undefined) {
    headers.authorization = options.authorization;
  }
  const path = `${options.prefix ?? '/v2.23'}/${endpoint}${options.query !== undefined ? `?${options.query}` : ''}`;
  const res = await request(`${url}${path}`, { method: options.method ?? 'POST', headers, body: options.rawBody ?? JSON.stringify(body) });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, headers: res.headers };
}

/** Basic authorization header for the sandbox's credentials. */
export function basic(s: Pick<RunningSandbox, 'accessKey' | 'secretKey'>): string {
  return `Basic ${Buffer.from(`${s.accessKey}:${s.secretKey}`).toString('base64')}`;
}

/** A logged-in caller: `call(endpoint, body)` returns `data`, or throws with `code/subcode` on errors. */
export interface Caller {
  /** Calls and returns `data`; throws an {@link CallFailed} on a non-200 answer. */
  call(endpoint: string, body?: unknown): Promise<any>;
  /** Calls and returns the whole reply. */
  reply(endpoint: string, body?: unknown): Promise<Reply>;
  /** Creates a training task named `a-task` (fields of `body` win) and returns its id. */
  createTask(body?: Record<string, unknown>): Promise<string>;
  /** The task document of `id`, from `tasks.get_by_id`. */
  getTask(id: string): Promise<Record<string, any>>;
}

/** A failed call: HTTP status and ClearML subcode. */
export class CallFailed extends Error {
  /** `[result_code, result_subcode]`. */
  public readonly codes: [number, number];
  /** @param reply the failed reply */
  public constructor(reply: Reply) {
    super(`${reply.status}/${reply.json?.meta?.result_subcode}: ${reply.json?.meta?.result_msg}`);
    this.codes = [reply.status, reply.json?.meta?.result_subcode];
  }
}

/** Logs in with Basic and returns a caller using the Bearer token. */
export async function login(s: Pick<RunningSandbox, 'url' | 'accessKey' | 'secretKey'>): Promise<Caller> {
  const token = (await rawCall(s.url, 'auth.login', {}, { authorization: basic(s) })).json.data.token as string;
  const reply = (endpoint: string, body: unknown = {}): Promise<Reply> => rawCall(s.url, endpoint, body, { authorization: `Bearer ${token}` });
  const call = async (endpoint: string, body: unknown = {}): Promise<any> => {
    const r = await reply(endpoint, body);
    if (r.status !== 200) {
      throw new CallFailed(r);
    }
    return r.json.data;
  };
  return {
    reply,
    call,
    createTask: async (body = {}) => (await call('tasks.create', { name: 'a-task', type: 'training', ...body })).id,
    getTask: async (id) => (await call('tasks.get_by_id', { task: id })).task,
  };
}

/** The `[code, subcode]` a call fails with (fails the test when it succeeds). */
export async function codesOf(promise: Promise<unknown>): Promise<[number, number]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CallFailed) {
      return error.codes;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/**
 * Starts a sandbox and a logged-in caller. With `persisted`, the sandbox persists to a data file
 * in a fresh temporary directory (so the change-tracking code path is exercised too).
 */
export async function started(options: SandboxOptions = {}, persisted = false): Promise<{ sandbox: RunningSandbox; api: Caller }> {
  const dataFile = persisted ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-')), 'data.json') : undefined;
  const sandbox = await startSandbox({ queues: ['default', 'services'], dataFile, ...options });
  const close = sandbox.close.bind(sandbox);
  const closing: RunningSandbox = {
    ...sandbox,
    url: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey,
    close: async () => {
      await close();
      if (dataFile !== undefined) {
        fs.rmSync(path.dirname(dataFile), { recursive: true, force: true });
      }
    },
  };
  return { sandbox: closing, api: await login(sandbox) };
}

/**
 * Starts a sandbox persisted to `dataFile` in a child process (keys CHILDKEY / child-secret) and
 * resolves once it listens, with its URL.
 */
export function startSandboxChild(dataFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sandbox-child.ts'), dataFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) {
        resolve({ child, url: (JSON.parse(out.split('\n')[0]) as { url: string }).url });
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}
