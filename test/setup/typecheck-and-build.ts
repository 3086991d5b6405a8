/**
 * The global setup of `npm test` (its `--globalSetup`): the type check of every file
 * (`tsc -p tsconfig.json --noEmit`: lib, bin, tests, examples, benchmarks) runs while dist/ is
 * built (fresh-dist.ts), one compiler per core, and no test starts unless both succeed.
 * `npx jest <file>` uses global-setup.ts instead: the build only.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensureFreshDist, ROOT } from './fresh-dist';

/** Runs the type check; resolves with its exit code and output. */
function typecheck(): Promise<{ code: number | null; output: string }> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

export default async function typecheckAndBuild(): Promise<void> {
  const [check, build] = await Promise.allSettled([typecheck(), ensureFreshDist()]);
  if (check.status === 'rejected') {
    throw check.reason;
  }
  if (check.value.code !== 0) {
    throw new Error(`The type check failed (tsc -p tsconfig.json --noEmit); no test was run:\n${check.value.output}`);
  }
  if (build.status === 'rejected') {
    throw build.reason;
  }
}
