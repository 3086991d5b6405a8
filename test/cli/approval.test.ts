/**
 * The confirmations: `deploy --require-approval any-change` and `destroy` without `--force`,
 * answered and refused on a pseudo-terminal, and refused outright without a terminal; a refusal
 * writes nothing (the sandbox's request counts).
 */
import * as path from 'node:path';
import { deploy } from '../../lib/deploy/deploy';
import { LOCK_PROJECT_PREFIX } from '../../lib/deploy/lease-record';
import { loadAssembly } from '../../lib/manifest/load';
import { Harness, startHarness } from '../deploy/harness';
import { liveByIdentity } from '../deploy/seed';
import { makeProject, runCli, SEED_APP_JS } from './cli-fixture';
import { CliChild, harnessEnv, runCliChild, startCliOnTerminal, waitFor } from './child-cli';

const IDENTITIES = { my_pipeline: 1, 'my_pipeline/step1': 1, 'my_pipeline/step2': 1 };

describe('confirmations on a terminal, and without one', () => {
  const project = makeProject(SEED_APP_JS, 'app.js');
  let harness: Harness;
  let env: Record<string, string>;

  beforeAll(async () => {
    expect((await runCli(project, ['synth', '--quiet'])).code).toBe(0);
  });

  beforeEach(async () => {
    harness = await startHarness();
    env = harnessEnv(harness);
  });

  afterEach(async () => {
    await harness.close();
  });

  /** Deploys the project's cdk.out in-process, then resets the counts. */
  async function deployed(): Promise<void> {
    await deploy(harness.client(), loadAssembly(path.join(project, 'cdk.out')).pipelines);
    harness.resetCounts();
  }

  /**
   * Asserts that nothing but deploy-lock bookkeeping was written (the lock is held while the
   * question waits, as Terraform holds its state lock): no task write, no project but lock projects.
   */
  async function onlyLockWrites(): Promise<void> {
    const counts = harness.counts();
    const lockEndpoints = ['projects.create', 'projects.update', 'projects.delete'];
    expect(harness.writes() - lockEndpoints.reduce((n, e) => n + (counts[e] ?? 0), 0)).toBe(0);
    const projects = await harness.client().getAll<{ name: string }>('projects.get_all', { search_hidden: true, only_fields: ['name'] }, 'projects');
    expect(projects.filter((p) => !p.name.startsWith(LOCK_PROJECT_PREFIX))).toEqual([]);
  }

  /** Waits for the question, types `answer` and returns the exit code. */
  async function answer(child: CliChild, keys: string): Promise<number> {
    await waitFor('the (y/n) question', () => child.stdout().includes('(y/n)?'));
    child.process.stdin?.write(keys);
    return child.exited;
  }

  const deployArgs = ['deploy', '--app', 'cdk.out', '--require-approval', 'any-change'];

  test('deploy --require-approval any-change without a terminal refuses before any request (exit 1)', async () => {
    const result = await runCliChild(project, deployArgs, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error [ApprovalRequired]: --require-approval any-change needs an interactive terminal, but stdin is not a TTY.');
    expect(result.stderr).toContain('Review the changes with `cdk-style diff`, then deploy with --require-approval never.');
    expect(harness.counts().total).toBe(0);
  });

  test('deploy --require-approval any-change answered no on a terminal shows the plan and writes nothing (exit 1)', async () => {
    const child = startCliOnTerminal(project, deployArgs, env);
    expect(await answer(child, 'n\n')).toBe(1);
    expect(child.stdout()).toMatch(/\[\+\] .*my_pipeline\/step1/);
    expect(child.stdout()).toContain('Deploy cancelled: the changes were not approved. Nothing was written.');
    await onlyLockWrites();
    expect(await liveByIdentity(harness.client())).toEqual({});
  });

  test('Ctrl-C at the deploy question is a no (exit 1, nothing written)', async () => {
    const child = startCliOnTerminal(project, deployArgs, env);
    expect(await answer(child, '\x03')).toBe(1);
    expect(child.stdout()).toContain('Deploy cancelled');
    await onlyLockWrites();
  });

  test('deploy --require-approval any-change answered yes on a terminal deploys (exit 0)', async () => {
    const child = startCliOnTerminal(project, deployArgs, env);
    expect(await answer(child, 'y\n')).toBe(0);
    expect(child.stdout()).toContain('Do you wish to deploy these changes (y/n)?');
    expect(child.stdout()).toContain('Deployed: 6 created.');
    expect(await liveByIdentity(harness.client())).toEqual(IDENTITIES);
  });

  test('destroy without --force and without a terminal refuses and archives nothing (exit 1)', async () => {
    await deployed();
    const result = await runCliChild(project, ['destroy', '--app', 'cdk.out'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error [ApprovalRequired]: destroy would archive 3 task(s) and stdin is not a TTY to confirm; rerun with --force.');
    expect(harness.writes()).toBe(0);
    expect(await liveByIdentity(harness.client())).toEqual(IDENTITIES);
  });

  test('destroy answered no on a terminal lists the tasks and archives nothing (exit 1)', async () => {
    await deployed();
    const child = startCliOnTerminal(project, ['destroy', '--app', 'cdk.out'], env);
    expect(await answer(child, 'no\n')).toBe(1);
    expect(child.stdout()).toMatch(/These 3 task\(s\) will be archived \(never deleted\):\n {2}my_pipeline [0-9a-f]{32}\n {2}step1_draft [0-9a-f]{32}/);
    expect(child.stdout()).toContain('Destroy cancelled: the archive was not confirmed. Nothing was archived.');
    expect(harness.writes()).toBe(0);
    expect(await liveByIdentity(harness.client())).toEqual(IDENTITIES);
  });

  test('destroy answered yes on a terminal archives every owned task (exit 0)', async () => {
    await deployed();
    const child = startCliOnTerminal(project, ['destroy', '--app', 'cdk.out'], env);
    expect(await answer(child, 'y\n')).toBe(0);
    expect(child.stdout()).toContain('Archived 3 task(s).');
    expect(await liveByIdentity(harness.client())).toEqual({});
  });
});
