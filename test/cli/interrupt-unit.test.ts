/**
 * The Ctrl-C mechanism in one process: the first SIGINT aborts and ends with the list of what was
 * written, a second exits at once with it, and the handler is gone afterwards; and the yes/no
 * question ends as a no on an abort or the end of input.
 */
import { PassThrough } from 'node:stream';
import { askYesNo } from '../../lib/deploy/approval';
import { interruptible, InterruptedError } from '../../lib/cli/interrupt';

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
