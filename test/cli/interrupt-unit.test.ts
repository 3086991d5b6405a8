/**
 * The Ctrl-C mechanism in one process: the first SIGINT aborts and ends with the list of what was
 * written, a second exits at once with it, and the handler is gone afterwards; and the yes/no
 * question ends as a no on an abort or the end of input; and the client that stops with the
 * interrupt.
 */
import { PassThrough } from 'node:stream';
import { askYesNo } from '../../lib/deploy/approval';
import { interruptible, InterruptedError } from '../../lib/cli/interrupt';
import { interruptibleClient } from '../../lib/cli/interruptible-client';
import { Harness, startHarness } from '../deploy/harness';
import { waitFor } from './child-cli';

function quietStderr(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0);
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}

test('the first SIGINT aborts the run, which ends with InterruptedError listing what was written (exit 130)', async () => {
  const stderr = quietStderr();
  const before = process.listenerCount('SIGINT');
  try {
    const written = ['[+] created project p 1'];
    const run = interruptible('deploy', () => written, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    process.emit('SIGINT');
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({ code: 'Interrupted', exitCode: 130 });
    expect((error as Error).message).toContain('Written before the interrupt (1):\n[+] created project p 1\n');
    expect(stderr.text()).toContain('press Ctrl-C again to exit at once');
    expect(process.listenerCount('SIGINT')).toBe(before);
  } finally {
    stderr.restore();
  }
});

test('a second SIGINT exits at once with code 130 and the list', async () => {
  const stderr = quietStderr();
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  let finish: () => void = () => undefined;
  try {
    const run = interruptible('deploy', () => ['[+] created task t 2'], () => new Promise<void>((resolve) => {
      finish = resolve;
    }));
    process.emit('SIGINT');
    process.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    expect(stderr.text()).toContain('Error [Interrupted]: Interrupted (Ctrl-C): deploy stopped before it finished. Written before the interrupt (1):\n[+] created task t 2');
    finish();
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
  } finally {
    exit.mockRestore();
    stderr.restore();
  }
});

test('without SIGINT the run result and errors pass through unchanged', async () => {
  await expect(interruptible('deploy', () => [], async () => 7)).resolves.toBe(7);
  await expect(interruptible('deploy', () => [], async () => {
    throw new Error('boom');
  })).rejects.toThrow('boom');
});

describe('askYesNo', () => {
  function ask(signal?: AbortSignal): { input: PassThrough; answer: Promise<boolean> } {
    const input = new PassThrough();
    return { input, answer: askYesNo('Go (y/n)? ', { input: input as unknown as NodeJS.ReadStream, output: new PassThrough(), signal }) };
  }

  test.each([['y', true], ['YES', true], [' yes ', true], ['n', false], ['', false], ['yep', false]])('answer %p is %p', async (text, yes) => {
    const { input, answer } = ask();
    input.write(`${text}\n`);
    await expect(answer).resolves.toBe(yes);
  });

  test('the end of the input is a no', async () => {
    const { input, answer } = ask();
    input.end();
    await expect(answer).resolves.toBe(false);
  });

  test('an abort (SIGINT as a signal) is a no', async () => {
    const controller = new AbortController();
    const { answer } = ask(controller.signal);
    controller.abort();
    await expect(answer).resolves.toBe(false);
  });
});

describe('interruptibleClient', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  test('after the abort no call reaches the server except the release of deploy locks', async () => {
    const controller = new AbortController();
    const client = interruptibleClient(harness.client(), controller.signal);
    const { id } = await client.call<{ id: string }>('projects.create', { name: 'lock_project', description: 'held' });
    controller.abort(new Error('interrupted'));
    harness.resetCounts();
    await expect(client.call('tasks.create', { name: 'x', type: 'training', project: id })).rejects.toThrow('interrupted');
    await expect(client.getAll('tasks.get_all', {}, 'tasks')).rejects.toThrow('interrupted');
    await expect(client.call('projects.update', { project: id, system_tags: ['x'] })).rejects.toThrow('interrupted');
    expect(harness.counts().total).toBe(0);
    await client.call('projects.update', { project: id, description: 'released' }, { idempotent: true });
    await client.call('projects.delete', { project: id }, { idempotent: true });
    expect(harness.counts()).toMatchObject({ 'projects.update': 1, 'projects.delete': 1 });
  });

  test('a call in flight when the abort comes is aborted', async () => {
    harness.setFaults({ latencyMs: 10_000, endpoints: /^tasks\.get_all$/ });
    try {
      const controller = new AbortController();
      const client = interruptibleClient(harness.client(), controller.signal);
      harness.resetCounts();
      const read = client.call('tasks.get_all', {});
      await waitFor('the read to reach the sandbox', () => (harness.counts()['tasks.get_all'] ?? 0) === 1);
      controller.abort(new Error('interrupted'));
      await expect(read).rejects.toThrow('interrupted');
    } finally {
      harness.setFaults(undefined);
    }
  });
});
