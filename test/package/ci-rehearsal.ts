/**
 * Runs the GitHub Actions workflow that `init` writes, job by job and step by step, against a
 * ClearML server (the sandbox): the review job on a pull request, then the plan and deploy jobs on
 * the main branch. Each job starts from its own copy of the project (a fresh checkout), artifacts
 * pass between jobs as the upload/download actions pass them, and `$GITHUB_STEP_SUMMARY` is a file.
 * Only what needs GitHub itself is not run: `npm ci` (the project is already installed offline,
 * from the same lockfile) and `gh pr comment` (its input, review.md, is checked instead).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const execFileAsync = promisify(execFile);

interface WorkflowStep { readonly name?: string; readonly run?: string; readonly uses?: string; readonly with?: { name?: string; path?: string } }
interface Workflow { readonly jobs: Record<string, { readonly steps: WorkflowStep[]; readonly needs?: string }> }

/** What one rehearsed job did. */
export interface RehearsedJob {
  /** Job name. */
  readonly job: string;
  /** Each `run` step's command and its output (stdout then stderr). */
  readonly steps: Array<{ readonly command: string; readonly output: string }>;
  /** The job's directory (its checkout). */
  readonly dir: string;
}

/** `run` steps that only GitHub can run, with why. */
const GITHUB_ONLY: ReadonlyArray<[RegExp, string]> = [
  [/^npm ci$/, 'installed offline from the same lockfile'],
  [/^gh pr comment /, 'posts review.md to GitHub'],
];

function checkout(project: string, dir: string): void {
  fs.cpSync(project, dir, { recursive: true, filter: (src) => !/[\\/](node_modules|review\.md|plan\.json)$/.test(src) });
  fs.symlinkSync(path.join(project, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** Runs one step (asynchronously: the server under test may live in this process). */
async function runStep(command: string, dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync('bash', ['-eo', 'pipefail', '-c', command], { cwd: dir, env, encoding: 'utf8' });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; status?: number };
    throw new Error(`workflow step \`${command}\` failed (exit ${e.status}) in ${dir}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

function transferArtifact(step: WorkflowStep, dir: string, artifacts: string): void {
  const store = path.join(artifacts, step.with?.name ?? 'artifact');
  if (step.uses?.startsWith('actions/upload-artifact')) {
    fs.mkdirSync(store, { recursive: true });
    for (const file of (step.with?.path ?? '').split('\n').map((p) => p.trim()).filter(Boolean)) {
      fs.copyFileSync(path.join(dir, file), path.join(store, file));
    }
  } else if (step.uses?.startsWith('actions/download-artifact')) {
    fs.cpSync(store, dir, { recursive: true });
  }
}

/** Rehearses `jobs` of the project's workflow in order, with `env` (the CLEARML_* settings) added. */
export async function rehearseWorkflow(project: string, jobs: readonly string[], env: NodeJS.ProcessEnv, work: string): Promise<RehearsedJob[]> {
  const workflow = parse(fs.readFileSync(path.join(project, '.github', 'workflows', 'cdk-style.yml'), 'utf8')) as Workflow;
  const artifacts = path.join(work, 'artifacts');
  const done: RehearsedJob[] = [];
  for (const job of jobs) {
    const dir = path.join(work, `job-${job}`);
    checkout(project, dir);
    const summary = path.join(work, `${job}-summary.md`);
    const jobEnv: NodeJS.ProcessEnv = { ...process.env, ...env, GITHUB_STEP_SUMMARY: summary, CI: 'true' };
    delete jobEnv.CDK_STYLE_OUTDIR;
    const steps: RehearsedJob['steps'] = [];
    for (const step of workflow.jobs[job].steps) {
      if (step.uses !== undefined) {
        transferArtifact(step, dir, artifacts);
      } else if (step.run !== undefined && !GITHUB_ONLY.some(([pattern]) => pattern.test(step.run as string))) {
        steps.push({ command: step.run, output: await runStep(step.run, dir, jobEnv) });
      }
    }
    done.push({ job, steps, dir });
  }
  return done;
}
