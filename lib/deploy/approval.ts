/**
 * `--require-approval any-change`: show the plan and ask on a terminal; refuse when there is no
 * terminal to ask on.
 */
import * as readline from 'node:readline/promises';
import { DeployError } from './errors';
import { formatPlan } from './format';
import { Plan } from './plan-model';

/** Streams the question is asked on. */
export interface ApprovalIo {
  /** Where the answer is read. @default process.stdin */
  readonly input?: NodeJS.ReadStream;
  /** Where the plan and question are written. @default process.stderr */
  readonly output?: NodeJS.WritableStream;
}

/**
 * Prints `plan` and asks whether to deploy it. Throws `ApprovalRequired` when the input is not
 * a TTY (CI): there approval must be given by reviewing `cdk-style diff` and deploying with
 * `--require-approval never`.
 */
export async function askApproval(plan: Plan, prune: boolean, io: ApprovalIo = {}): Promise<boolean> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  if (!input.isTTY) {
    throw new DeployError('ApprovalRequired', '--require-approval any-change needs an interactive terminal, but stdin is not a TTY. '
      + 'Review the changes with `cdk-style diff`, then deploy with --require-approval never.');
  }
  output.write(`${formatPlan(plan, { prune })}\n\n`);
  const rl = readline.createInterface({ input, output });
  try {
    const answer = await rl.question('Do you wish to deploy these changes (y/n)? ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
