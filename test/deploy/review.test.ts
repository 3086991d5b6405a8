import { deploy, diff } from '../../lib/deploy/deploy';
import { formatPlanMarkdown } from '../../lib/deploy/format-markdown';
import { deploySavedPlan, makeSavedPlan, savedPlanProblems } from '../../lib/deploy/saved-plan';
import { PipelineManifest } from '../../lib/manifest/schema';
import { withStepTask, withoutStep } from './fixtures';
import { Harness, startHarness } from './harness';
import { managedTasks, seedManifest } from './seed';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

function changedManifest(): PipelineManifest {
  const edited = withStepTask(seedManifest(), 'step2', (task) => ({ ...task, comment: 'reviewed change' }));
  return withoutStep(edited, 'step3');
}

describe('diff as markdown (the pull-request review bundle)', () => {
  test('a first deploy: summary table, the change tree and every step marked added; the same plan gives the same bytes', async () => {
    const client = harness.client();
    const { plan } = await diff(client, [seedManifest()]);
    const markdown = formatPlanMarkdown(plan);
    expect(markdown.startsWith('## cdk-style diff\n\n| pipeline | project | create | update | replace | archive | orphans kept | unchanged |\n')).toBe(true);
    expect(markdown).toContain('| my_pipeline (`my_pipeline`) | alexandre_debug | 4 | 0 | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain('```\n[+] Step step1_draft (my_pipeline/step1)');
    expect(markdown).toContain('  n_step1["step1<br/>CompressStep"]:::added');
    expect(markdown).toContain('  n_step1 --> n_step2');
    expect(markdown).toMatch(/classDef added fill:#[0-9a-f]{6}/);
    expect(markdown).not.toMatch(/https?:|127\.0\.0\.1|\d{4}-\d\d-\d\dT/);
    expect(formatPlanMarkdown((await diff(harness.client(), [seedManifest()])).plan)).toBe(markdown);
  });

  test('after a deploy: a changed step, a removed one (dashed, from the live DAG), unchanged ones plain', async () => {
    await deploy(harness.client(), [seedManifest()]);
    const { plan } = await diff(harness.client(), [changedManifest()]);
    const markdown = formatPlanMarkdown(plan);
    expect(markdown).toContain('  n_step2["step2<br/>EvalStep"]:::changed');
    expect(markdown).toContain('  n_step1["step1<br/>CompressStep"]\n');
    expect(markdown).toContain('  n_step3["step3<br/>removed"]:::removed');
    expect(markdown).toContain('  n_step1 -.-> n_step3');
    expect(markdown).toMatch(/\[~\] Step step2_draft \(my_pipeline\/step2\) [0-9a-f]+\n [├└]─ comment: "" → "reviewed change"/);
    expect(formatPlanMarkdown((await diff(harness.client(), [seedManifest()])).plan)).toBe('## cdk-style diff\n\nThere were no differences: ClearML already matches the manifest.\n');
  });
});

describe('saved plans', () => {
  async function savePlan(manifest: PipelineManifest) {
    const { plan, observed } = await diff(harness.client(), [manifest]);
    return makeSavedPlan([manifest], observed, plan);
  }

  test('a plan whose basis moved is refused, naming the object, and writes nothing', async () => {
    await deploy(harness.client(), [seedManifest()]);
    const saved = await savePlan(changedManifest());
    const client = harness.client();
    const step2 = (await managedTasks(client)).find((t) => t.name === 'step2_draft')!;
    await client.call('tasks.edit', { task: step2.id, comment: 'edited in the web UI', force: true });
    harness.resetCounts();
    await expect(deploySavedPlan(harness.client(), saved, [changedManifest()], 'plan.json'))
      .rejects.toMatchObject({ code: 'PlanOutdated', message: expect.stringContaining(`nothing was written:\n  - task step2_draft (my_pipeline/step2) ${step2.id} was modified on the server since the plan was made`) });
    expect(harness.writes()).toBe(0);
  });

  test('a manifest other than the planned one is refused, naming the pipeline', async () => {
    await deploy(harness.client(), [seedManifest()]);
    const saved = await savePlan(changedManifest());
    harness.resetCounts();
    await expect(deploySavedPlan(harness.client(), saved, [seedManifest()], 'plan.json'))
      .rejects.toMatchObject({ code: 'PlanOutdated', exitCode: 1, message: expect.stringContaining('pipeline my_pipeline: the manifest is not the one the plan was made from') });
    expect(harness.writes()).toBe(0);
  });

  test('an unchanged basis applies exactly the plan; the same plan again is refused (its tasks moved)', async () => {
    await deploy(harness.client(), [seedManifest()]);
    const saved = await savePlan(changedManifest());
    expect(savedPlanProblems(saved, [changedManifest()], (await diff(harness.client(), [changedManifest()])).observed)).toEqual([]);
    const result = await deploySavedPlan(harness.client(), saved, [changedManifest()], 'plan.json');
    expect(result.applied?.events.map((e) => `${e.outcome} ${e.name}`).sort()).toEqual(['updated my_pipeline', 'updated step2_draft']);
    expect((await diff(harness.client(), [changedManifest()])).plan.pipelines[0].steps.every((s) => s.kind === 'no-op')).toBe(true);
    await expect(deploySavedPlan(harness.client(), saved, [changedManifest()], 'plan.json')).rejects.toThrow(/step2_draft .* was modified on the server since the plan was made/);
  });

  test('two deploys of the same saved plan at once: one applies it, the other is refused, nothing is duplicated', async () => {
    const own = await startHarness();
    try {
      const { plan, observed } = await diff(own.client(), [seedManifest()]);
      const saved = makeSavedPlan([seedManifest()], observed, plan);
      const outcomes = await Promise.allSettled([
        deploySavedPlan(own.client(), saved, [seedManifest()], 'plan.json'),
        deploySavedPlan(own.client(), saved, [seedManifest()], 'plan.json'),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'PlanOutdated' });
      expect(await managedTasks(own.client())).toHaveLength(4);
    } finally {
      await own.close();
    }
  });
});
