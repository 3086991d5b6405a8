/**
 * `--require-approval any-change`: show the plan and ask on a terminal; refuse when there is no
 * terminal to ask on.
 */
import * as readline from 'node:readline';
import { DeployError } from './errors';
import { formatPlan } from './format';
import { Plan } from './plan-model';

/** Streams the question is asked on. */
export interface ApprovalIo {
  /** Where the answer is read. @default process.stdin */
  readonly input?: NodeJS.ReadStream;
  /** Where the plan and question are written. @default process.stderr */
  readonly output?: NodeJS.WritableStream;
  /** Ends the question as a no when it aborts (a SIGINT delivered as a signal). @default never aborted */
  readonly signal?: AbortSignal;
}

/**
 * Prints `plan` and asks whether to deploy it. Throws `ApprovalRequired` when the input is not
 * a TTY (CI): there approval must be given by reviewing `cdk-style diff` and deploying with
 * `--require-approval never`.
 */
export async function askApproval(plan: Plan, prune: boolean, io: ApprovalIo = {}): Promise<boolean> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  requireTerminal(input);
  output.write(`${formatPlan(plan, { prune })}\n\n`);
  return askYesNo('Do you wish to deploy these changes (y/n)? ', { input, output, signal: io.signal });
}

/**
 * Throws `ApprovalRequired` when `input` is not a TTY: called before anything is read or written,
 * so a CI job without a terminal is refused at once.
 */
export function requireTerminal(input: NodeJS.ReadStream = process.stdin): void {
  if (!input.isTTY) {
    throw new DeployError('ApprovalRequired', '--require-approval any-change needs an interactive terminal, but stdin is not a TTY. '
      + 'Review the changes with `cdk-style diff`, then deploy with --require-approval never.');
  }
}

/**
 * Asks `question` and resolves true for `y` or `yes` (any case). Anything else, Ctrl-C at the
 * prompt, or the end of the input is a no.
 */
export function askYesNo(question: string, io: ApprovalIo = {}): Promise<boolean> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  const rl = readline.createInterface({ input, output });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (yes: boolean): void => {
      if (!settled) {
        settled = true;
        rl.close();
        resolve(yes);
      }
    };
    rl.on('SIGINT', () => {
      output.write('\n');
      finish(false);
    });
    rl.on('close', () => finish(false));
    io.signal?.addEventListener('abort', () => finish(false), { once: true });
    rl.question(question, (answer) => finish(/^y(es)?$/i.test(answer.trim())));
  });
}
