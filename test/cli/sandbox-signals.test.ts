/**
 * `cdk-style sandbox --agents` stops cleanly (exit 0, data saved) on SIGTERM and on SIGINT,
 * started through the `tsx` command (which relays signals to its child and kills it, exit 143,
 * when the child's main thread does not take them within a few tens of milliseconds) and with
 * `node --import tsx`, while a client keeps its server busy: the server and the agents run on a
 * worker thread, so the main thread is free to answer at once. Under the `tsx` command the signal
 * goes to the process group, as Ctrl-C at a terminal (or a supervisor stopping a group) sends it:
 * tsx then gives the child two chances of 30 ms to take it, so the test does not depend on this
 * machine's load; a signal to the `tsx` process alone has one (README, "Stopping").
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClearmlClient } from '../../lib/clearml/client';
import { loadState } from '../../lib/sandbox/store';
import { waitFor } from './child-cli';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk-style.ts');
/** How each starter is started, and how a signal is sent to it. */
const STARTERS: Record<string, { start: (args: string[]) => ChildProcess; signal: (child: ChildProcess, signal: NodeJS.Signals) => void }> = {
  'the tsx command': {
    start: (args) => spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
    signal: (child, signal) => process.kill(-(child.pid as number), signal),
  },
  'node --import tsx': {
    start: (args) => spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
    signal: (child, signal) => child.kill(signal),
  },
};

/** Keeps `concurrency` reads in flight against the sandbox until stopped; counts the answers. */
function busyClient(client: ClearmlClient, concurrency: number): { answered: () => number; stop: () => Promise<void> } {
  let answered = 0;
  let stopped = false;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      await client.call('tasks.get_all', { only_fields: ['id'], page: 0, page_size: 50 }).then(() => {
        answered += 1;
      }, () => {
        stopped = true;
      });
    }
  });
  return {
    answered: () => answered,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe('cdk-style sandbox --agents stops cleanly on a signal', () => {
  test.each([
    ['the tsx command', 'SIGTERM'], ['the tsx command', 'SIGINT'], ['node --import tsx', 'SIGTERM'], ['node --import tsx', 'SIGINT'],
  ] as const)('started with %s, %s while a client keeps it busy: exit 0, "Sandbox stopped.", data saved', async (starter, signal) => {
    const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-sandbox-signal-')), 'data.json');
    const child = STARTERS[starter].start(['sandbox', '--port', '0', '--agents', '--data', dataFile, '--queue', 'gpu', '--queue', 'services']);
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor('the sandbox to be ready', () => out.includes('Press Ctrl+C to stop.'));
    const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    const client = new ClearmlClient({ apiHost: env.CLEARML_API_HOST, accessKey: env.CLEARML_API_ACCESS_KEY, secretKey: env.CLEARML_API_SECRET_KEY, retry: { maxAttempts: 1 } });
    const busy = busyClient(client, 16);
    try {
      await waitFor('200 answered reads', () => busy.answered() >= 200);
      STARTERS[starter].signal(child, signal);
      expect([await exited, err]).toEqual([0, '']);
    } finally {
      await busy.stop();
      await client.close();
    }
    expect(out).toContain(`${signal}: stopping the sandbox...\nSandbox stopped.\n`);
    expect(Object.values(loadState(dataFile)?.queues ?? {}).map((q) => q.name).sort()).toEqual(['default', 'gpu', 'services']);
  });
});
