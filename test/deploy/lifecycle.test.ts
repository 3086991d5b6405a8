import { deploy } from '../../lib/deploy/deploy';
import { destroy } from '../../lib/deploy/destroy';
import { startRun } from '../../lib/deploy/run';
import { parseRunArguments } from '../../lib/deploy/run-params';
import { PipelineManifest } from '../../lib/manifest/schema';
import { withoutStep } from './fixtures';
import { Harness, startHarness } from './harness';
import { managedTasks, seedManifest } from './seed';

function withParameter(manifest: PipelineManifest): PipelineManifest {
  return { ...manifest, controller: { ...manifest.controller, parameters: [{ name: 'num_samples', default: '512', type: 'int', description: '' }] } };
}

describe('prune, destroy and run against the sandbox', () => {
  let harness: Harness;
  let foreignTask: string;

  beforeEach(async () => {
    harness = await startHarness();
    const client = harness.client();
    // A task deploy does not own, in the same project: it must never be touched.
    const project = await client.call<{ id: string }>('projects.create', { name: 'alexandre_debug' });
    foreignTask = (await client.call<{ id: string }>('tasks.create', { name: 'hand-made', type: 'training', project: project.id })).id;
  });

  afterEach(async () => {
    await harness.close();
  });

  async function foreignStatus(): Promise<{ status: string; system_tags: string[] }> {
    const { task } = await harness.client().call<{ task: { status: string; system_tags: string[] } }>('tasks.get_by_id', { task: foreignTask });
    return task;
  }

  test('a removed step is an orphan: kept without --prune, archived with it, nothing else touched', async () => {
    const manifest = seedManifest();
    const first = await deploy(harness.client(), [manifest]);
    const step3 = first.pipelines[0].draftIds?.step3 as string;
    const smaller = withoutStep(manifest, 'step3');
    await deploy(harness.client(), [smaller]);
    expect((await managedTasks(harness.client())).map((t) => t.id)).toContain(step3);
    const pruned = await deploy(harness.client(), [smaller], { prune: true });
    expect(pruned.applied?.events.filter((e) => e.outcome === 'archived').map((e) => e.id)).toEqual([step3]);
    expect((await managedTasks(harness.client())).map((t) => t.id)).not.toContain(step3);
    expect((await foreignStatus()).system_tags).not.toContain('archived');
  });

  test('destroy archives every owned object of the pipeline and nothing else, and deletes nothing', async () => {
    const manifest = seedManifest();
    await deploy(harness.client(), [manifest]);
    const events = await destroy(harness.client(), [manifest.id]);
    expect(events.map((e) => e.outcome)).toEqual(['archived', 'archived', 'archived', 'archived']);
    expect(await managedTasks(harness.client())).toEqual([]);
    expect((await managedTasks(harness.client(), false)).length).toBe(4);
    expect(harness.counts()['tasks.delete'] ?? 0).toBe(0);
    expect((await foreignStatus()).system_tags).not.toContain('archived');
  });

  test('run clones the controller with the given arguments and enqueues it', async () => {
    const manifest = withParameter(seedManifest());
    const deployed = await deploy(harness.client(), [manifest]);
    const args = parseRunArguments(['num_samples=1024'], manifest.controller.parameters, manifest.id);
    const run = await startRun(harness.client(), manifest, args, 'services');
    expect(run.controllerId).toBe(deployed.pipelines[0].controllerId);
    expect(run.runId).not.toBe(run.controllerId);
    const { task } = await harness.client().call<{ task: { status: string; hyperparams: { Args: Record<string, { value: string }> } } }>('tasks.get_by_id', { task: run.runId });
    expect(task.status).toBe('queued');
    expect(task.hyperparams.Args.num_samples.value).toBe('1024');
  });

  test('run of a pipeline that was never deployed says to deploy first', async () => {
    await expect(startRun(harness.client(), seedManifest(), [], 'services')).rejects.toThrow(/is not deployed on this server; run 'cdk-style deploy my_pipeline' first/);
  });
});
