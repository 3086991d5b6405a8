/**
 * The CLI as a user runs it: a child process (the package's compiled bin, `node dist/bin/cdk-style.js`,
 * built fresh for the run by jest's global setup), with pipes or on a pseudo-terminal (util-linux
 * `script`), and a way to wait on conditions instead of sleeping.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { Harness, startHarness } from '../deploy/harness';
import { cliArgv } from '../setup/dist';
import { makeProject, runCli, SEED_APP_JS } from './cli-fixture';

/** A running CLI process and everything it printed so far. */
export interface CliChild {
  readonly process: ChildProcess;
  /** stdout so far (on a pseudo-terminal: everything the terminal showed, colours removed). */
  stdout(): string;
  /** stderr so far (empty on a pseudo-terminal, where it is part of stdout). */
  stderr(): string;
  /** Resolves with the exit code (-1 when a signal killed it). */
  readonly exited: Promise<number>;
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g; // eslint-disable-line no-control-regex

function collect(child: ChildProcess): CliChild {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  return { process: child, stdout: () => out.replace(ANSI, '').replace(/\r/g, ''), stderr: () => err, exited };
}

/** Starts `cdk-style <args>` in `cwd` with pipes (no terminal). */
export function startCli(cwd: string, args: string[], env: Record<string, string> = {}): CliChild {
  const [program, ...argv] = cliArgv(args);
  return collect(spawn(program, argv, { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] }));
}

/** Starts `cdk-style <args>` in `cwd` on a pseudo-terminal: its stdin is a TTY; write answers to `process.stdin`. */
export function startCliOnTerminal(cwd: string, args: string[], env: Record<string, string> = {}): CliChild {
  const command = cliArgv(args).map(quote).join(' ');
  return collect(spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd, env: { ...process.env, ...env, NO_COLOR: '1', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'],
  }));
}

/** Runs `cdk-style <args>` to the end with pipes. */
export async function runCliChild(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = startCli(cwd, args, env);
  child.process.stdin?.end();
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** Resolves once `condition()` holds, checking every few milliseconds; rejects after `timeoutMs` with `what`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The `CLEARML_*` variables that point the CLI at `harness`. */
export function harnessEnv(harness: Harness): Record<string, string> {
  return { CLEARML_API_HOST: harness.url, CLEARML_API_ACCESS_KEY: harness.accessKey, CLEARML_API_SECRET_KEY: harness.secretKey };
}

/**
 * A seed project synthesized once into its `cdk.out` and a sandbox harness, for one describe
 * block (hooks registered here). `harness()` is valid inside the tests.
 */
export function seedProjectWithSandbox(): { project: string; harness: () => Harness } {
  const project = makeProject(SEED_APP_JS, 'app.js');
  let harness: Harness | undefined;
  beforeAll(async () => {
    expect((await runCli(project, ['synth', '--quiet'])).code).toBe(0);
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return { project, harness: () => harness as Harness };
}
