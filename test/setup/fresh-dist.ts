/**
 * dist/ as the build of this very run's sources, for the tests that run the compiled CLI
 * (`node dist/bin/cdk-style.js`) and the package test.
 *
 * The build is `npm run build` (`tsc -p tsconfig.build.json`, what `npm pack` runs first), into a
 * directory of its own that then replaces dist/ whole, so no file of an older build survives. It
 * is skipped only when dist/ carries the stamp of an earlier build whose inputs (every file under
 * lib/ and bin/, both tsconfig files, the TypeScript version) and outputs (every file under
 * dist/) hash to the same values as now: an edit, a deleted source or a touched output rebuilds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lock } from 'proper-lockfile';

/** The repository. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The build output, laid out as in the package (dist/lib, dist/bin). */
export const DIST = path.join(ROOT, 'dist');

/** The command `npm run build` runs (and `prepack` runs `npm run build`), as argv after `node`, in the repository. */
export const BUILD_ARGS = [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'];

const STAMP = '.build-stamp.json';
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'node_modules/typescript/package.json'];
const INPUT_DIRS = ['lib', 'bin'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** sha256 over the relative paths and contents of `files` (sorted), relative to `base`. */
function hashFiles(base: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].map((f) => path.relative(base, f)).sort()) {
    hash.update(`${file}\0`).update(fs.readFileSync(path.join(base, file))).update('\0');
  }
  return hash.digest('hex');
}

function inputsHash(root: string): string {
  const files = [...INPUT_FILES.map((f) => path.join(root, f)), ...INPUT_DIRS.flatMap((d) => filesUnder(path.join(root, d)))];
  return hashFiles(root, files);
}

function outputsHash(dir: string): string {
  return hashFiles(dir, filesUnder(dir).filter((f) => path.basename(f) !== STAMP));
}

function isFresh(dist: string, inputs: string): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dist, STAMP), 'utf8')) as { inputs?: string; outputs?: string };
    return stamp.inputs === inputs && stamp.outputs === outputsHash(dist);
  } catch {
    return false;
  }
}

/** Builds into a new directory, then puts it in place of dist/. */
function rebuild(root: string, inputs: string): void {
  const next = path.join(root, `.dist-build-${process.pid}`);
  const dist = path.join(root, 'dist');
  fs.rmSync(next, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [...BUILD_ARGS, '--outDir', next], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    fs.rmSync(next, { recursive: true, force: true });
    throw new Error(`The build of dist/ for the tests failed (tsc -p tsconfig.build.json):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  fs.writeFileSync(path.join(next, STAMP), `${JSON.stringify({ inputs, outputs: outputsHash(next) })}\n`);
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(next, dist);
}

/**
 * Makes `<root>/dist` the build of the current sources (see the file comment) and says whether it
 * had to build. Two test runs in one checkout at once take turns through a lock; the second
 * finds the first one's build fresh.
 * @param root the project (its lib/, bin/ and tsconfig files; the build runs there), by default the repository
 */
export async function ensureFreshDist(root: string = ROOT): Promise<'built' | 'fresh'> {
  const release = await lock(root, { lockfilePath: path.join(root, '.dist-build.lock'), realpath: false, stale: 60_000, retries: { retries: 600, minTimeout: 100, maxTimeout: 200 } });
  try {
    const inputs = inputsHash(root);
    if (isFresh(path.join(root, 'dist'), inputs)) {
      return 'fresh';
    }
    rebuild(root, inputs);
    return 'built';
  } finally {
    await release();
  }
}
