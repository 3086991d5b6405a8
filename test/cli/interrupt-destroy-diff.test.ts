/**
 * Ctrl-C during `destroy` and `diff`, in a `cdk-style` child process against a sandbox whose
 * latency holds one request in flight: destroy lists what it had archived, releases its deploy
 * lock and exits 130, and a rerun finishes; diff exits 130 having printed and written nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deploy } from '../../lib/deploy/deploy';
import { loadAssembly } from '../../lib/manifest/load';
import { LOCK_PROJECT_PREFIX } from '../../lib/deploy/lease-record';
import { managedTasks } from '../deploy/seed';
import { harnessEnv, runCliChild, seedProjectWithSandbox, startCli, waitFor } from './child-cli';

/** A latency no test waits out: a request held this long is only ended by the client's abort. */
const HELD_MS = 120_000;

describe('Ctrl-C during destroy and diff', () => {
  const seed = seedProjectWithSandbox();
  const project = seed.project;

  afterEach(() => {
    seed.harness().setFaults(undefined);
  });

  test('destroy lists the tasks already archived, releases its lock, exits 130; a rerun archives the rest', async () => {
    const harness = seed.harness();
    const client = harness.client();
    await deploy(client, loadAssembly(path.join(project, 'cdk.out')).pipelines);
    const step1 = (await managedTasks(client)).find((t) => t.name === 'step1_draft');
    // A queued task is released (tasks.update) after the idle ones were archived in one archive_many.
    await client.call('tasks.enqueue', { task: step1?.id, queue_name: 'oneshot-a100x1' });
    harness.resetCounts();
    harness.setFaults({ latencyMs: HELD_MS, endpoints: /^tasks\.update$/ });
    const child = startCli(project, ['destroy', '--app', 'cdk.out', '--force'], harnessEnv(harness));
    await waitFor('the release of the queued task to be in flight', () => (harness.counts()['tasks.update'] ?? 0) >= 1);
    const atInterrupt = harness.counts();
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(130);
    const changed = Object.keys(harness.counts()).filter((e) => e !== 'total' && harness.counts()[e] !== atInterrupt[e]);
    expect(changed.filter((e) => e !== 'projects.update' && e !== 'projects.delete')).toEqual([]);

    const stderr = child.stderr();
    expect(stderr).toContain('Error [Interrupted]: Interrupted (Ctrl-C): destroy stopped before it finished. Archived or released before the interrupt (2):\n');
    expect(stderr).toContain('Run `cdk-style destroy` again to finish: it finds what is left by its ownership tags and archives only that.');
    const listed = [...stderr.matchAll(/^\S+ archived (?:task|controller) (\S+) .*?\b([0-9a-f]{32})\b/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(['my_pipeline', 'step2_draft']);
    expect(child.stdout()).not.toContain('Archived');
    const locks = await client.getAll<{ description: string }>('projects.get_all', { name: `^${LOCK_PROJECT_PREFIX.replace(/\./g, '\\.')}`, search_hidden: true, only_fields: ['description'] }, 'projects');
    expect(locks.map((l) => JSON.parse(l.description) as { released?: string }).every((h) => h.released !== undefined)).toBe(true);
    expect((await managedTasks(client)).map((t) => t.name)).toEqual(['step1_draft']);

    harness.setFaults(undefined);
    const rerun = await runCliChild(project, ['destroy', '--app', 'cdk.out', '--force'], harnessEnv(harness));
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/released task step1_draft .*\nArchived 1 task\(s\)\.\n$/);
    expect(await managedTasks(client)).toEqual([]);
  });

  test('diff aborts its reads, prints nothing, writes no --out file and exits 130', async () => {
    const harness = seed.harness();
    harness.resetCounts();
    harness.setFaults({ latencyMs: HELD_MS, endpoints: /^tasks\.get_all$/ });
    const out = path.join(project, 'interrupted-plan.json');
    const child = startCli(project, ['diff', '--app', 'cdk.out', '--out', out], harnessEnv(harness));
    await waitFor('the read of the tasks to be in flight', () => (harness.counts()['tasks.get_all'] ?? 0) >= 1);
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(130);
    expect(child.stdout()).toBe('');
    expect(child.stderr()).toBe('Interrupted: stopping (press Ctrl-C again to exit at once)...\n'
      + 'Error [Interrupted]: Interrupted (Ctrl-C): diff stopped before it finished. diff only reads: nothing was written to the server, '
      + 'no plan was printed and no --out file was written.\nRun `cdk-style diff` again.\n');
    expect(fs.existsSync(out)).toBe(false);
    expect(harness.writes()).toBe(0);
  });
});
