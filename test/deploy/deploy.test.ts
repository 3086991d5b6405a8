import { parsePipelineConfiguration } from '../../lib/clearml/render';
import { deploy, diff } from '../../lib/deploy/deploy';
import { planHasDifferences } from '../../lib/deploy/plan-model';
import { withStepTask } from './fixtures';
import { Harness, startHarness } from './harness';
import { liveByIdentity, managedTasks, SEED_IDENTITIES, seedManifest } from './seed';

describe('deploy against the sandbox', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test('a first deploy creates exactly the projects, three drafts and the controller, in at most 14 requests', async () => {
    const manifest = seedManifest();
    harness.resetCounts();
    const result = await deploy(harness.client(), [manifest]);
    const counts = harness.counts();
    expect(counts.total).toBeLessThanOrEqual(14);
    expect(counts['tasks.create']).toBe(4);
    // three projects, and generation 1 of the pipeline's deploy lock (released with one projects.update)
    expect(counts['projects.create']).toBe(4);
    expect(counts['projects.update']).toBe(1);
    expect(result.applied?.events.filter((e) => e.outcome === 'created').map((e) => e.name).sort()).toEqual([
      'alexandre_debug', 'alexandre_debug/.pipelines', 'alexandre_debug/.pipelines/my_pipeline', 'my_pipeline', 'step1_draft', 'step2_draft', 'step3_draft',
    ]);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
  });

  test('the controller\'s Pipeline configuration parses back to the manifest\'s DAG, pointing at the drafts', async () => {
    const manifest = seedManifest();
    const result = await deploy(harness.client(), [manifest]);
    const tasks = await managedTasks(harness.client());
    const controller = tasks.find((t) => t.id === result.pipelines[0].controllerId);
    const dag = parsePipelineConfiguration(controller?.configuration?.Pipeline.value ?? '');
    expect(Object.keys(dag).sort()).toEqual(['step1', 'step2', 'step3']);
    for (const [name, step] of Object.entries(manifest.steps)) {
      expect(dag[name]).toMatchObject({ parents: step.node.parents, queue: step.node.queue, parameters: step.node.parameters });
      expect(dag[name].base_task_id).toBe(result.pipelines[0].draftIds?.[name]);
    }
  });

  test('a second deploy sends no write and at most 5 requests (login, then projects and tasks, each confirmed complete by an empty page)', async () => {
    const manifest = seedManifest();
    await deploy(harness.client(), [manifest]);
    harness.resetCounts();
    const second = await deploy(harness.client(), [manifest]);
    expect(second.noChanges).toBe(true);
    expect(harness.writes()).toBe(0);
    expect(harness.counts().total).toBeLessThanOrEqual(5);
  });

  test('changing one field updates exactly that draft, with one tasks.edit', async () => {
    const manifest = seedManifest();
    await deploy(harness.client(), [manifest]);
    const changed = withStepTask(manifest, 'step2', (task) => ({ ...task, container: { ...task.container, image: 'registry/eval:2' } }));
    const { plan } = await diff(harness.client(), [changed]);
    const updates = plan.pipelines[0].steps.filter((s) => s.kind !== 'no-op');
    expect(updates.map((s) => [s.nodeName, s.kind, s.changes.map((c) => c.path)])).toEqual([['step2', 'update', ['container.image']]]);
    expect(plan.pipelines[0].controller.kind).toBe('no-op');
    harness.resetCounts();
    await deploy(harness.client(), [changed]);
    expect(harness.taskWrites()).toBe(1);
    expect(harness.counts()['tasks.edit']).toBe(1);
    // the lock: the next generation taken, marked released, the previous one deleted
    expect([harness.counts()['projects.create'], harness.counts()['projects.update'], harness.counts()['projects.delete']]).toEqual([1, 1, 1]);
  });

  test('a renamed draft is an update of the same task, not a new one', async () => {
    const manifest = seedManifest();
    const first = await deploy(harness.client(), [manifest]);
    const renamed = withStepTask(manifest, 'step1', (task) => ({ ...task, name: 'quantize_w4a16' }));
    const second = await deploy(harness.client(), [renamed]);
    expect(second.applied?.events.filter((e) => e.object === 'task').map((e) => [e.name, e.outcome])).toEqual([['quantize_w4a16', 'updated']]);
    expect(second.pipelines[0].draftIds?.step1).toBe(first.pipelines[0].draftIds?.step1);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
  });

  test('an edit made directly through the API is drift: diff shows it, deploy reverts it', async () => {
    const manifest = seedManifest();
    const first = await deploy(harness.client(), [manifest]);
    const step1 = first.pipelines[0].draftIds?.step1 as string;
    const client = harness.client();
    await client.call('tasks.edit_hyper_params', { task: step1, hyperparams: [{ section: 'Args', name: 'max_seq_len', value: '1024', type: 'int' }] });
    const { plan } = await diff(harness.client(), [manifest]);
    expect(planHasDifferences(plan)).toBe(true);
    const change = plan.pipelines[0].steps.find((s) => s.nodeName === 'step1')?.changes[0];
    expect(change).toMatchObject({ path: 'hyperparams.Args.max_seq_len' });
    await deploy(harness.client(), [manifest]);
    const [task] = (await managedTasks(harness.client())).filter((t) => t.id === step1);
    expect(task.hyperparams?.Args.max_seq_len.value).toBe('8192');
    expect((await deploy(harness.client(), [manifest])).noChanges).toBe(true);
  });

  test('a draft that is no longer in created status is replaced, the controller repointed, the old one archived', async () => {
    const manifest = seedManifest();
    const first = await deploy(harness.client(), [manifest]);
    const old = first.pipelines[0].draftIds?.step2 as string;
    const client = harness.client();
    await client.call('tasks.started', { task: old, force: true });
    await client.call('tasks.completed', { task: old, force: true });
    const changed = withStepTask(manifest, 'step2', (task) => ({ ...task, comment: 'new comment' }));
    const second = await deploy(harness.client(), [changed]);
    const outcomes = second.applied?.events.filter((e) => e.object === 'task').map((e) => `${e.outcome} ${e.role ?? ''} ${e.name}`).sort();
    expect(outcomes).toEqual(expect.arrayContaining(['replaced step step2_draft', 'updated controller my_pipeline']));
    const replacement = second.pipelines[0].draftIds?.step2;
    expect(replacement).not.toBe(old);
    const all = await managedTasks(harness.client(), false);
    expect(all.find((t) => t.id === old)?.system_tags).toContain('archived');
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
  });
});
