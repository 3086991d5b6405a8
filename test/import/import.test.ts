import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderControllerTask } from '../../lib/clearml/render';
import { parseSeedSteps } from '../../lib/clearml/seed-steps';
import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { Step } from '../../lib/core/step';
import { ObservedTask } from '../../lib/deploy/observe';
import { CompressStep } from '../../lib/steps/compress-step';
import { DraftStep } from '../../lib/steps/draft-step';
import { GuideLlmBenchmark } from '../../lib/steps/guidellm-benchmark';
import { GuideLlmStep } from '../../lib/steps/guidellm-step';
import { LightEvalStep } from '../../lib/steps/lighteval-step';
import { LightEvalSuite } from '../../lib/steps/lighteval-suite';
import { Recipe } from '../../lib/steps/recipe';
import { buildManifests } from '../../lib/core/synthesizer';
import { deploy, diff } from '../../lib/deploy/deploy';
import { formatPlan } from '../../lib/deploy/format';
import { reviewDag } from '../../lib/deploy/format-markdown';
import { importPipeline } from '../../lib/import/import';
import { Harness, startHarness } from '../deploy/harness';
import { loadFixture } from './load-fixture';
import { seedManifest } from '../deploy/seed';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => harness.close());

/** Writes `code` to a file and loads its `buildApp` (jest maps 'cdk-style' to lib/). */
function loadGenerated(code: string): (app: App) => App {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-import-'));
  const file = path.join(dir, 'imported.ts');
  fs.writeFileSync(file, code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { buildApp: (app: App) => App }).buildApp;
}

const SCRIPT = { repository: 'https://example.com/r.git', branch: 'main', version_num: '', entry_point: 'x.py', working_dir: '.', binary: 'python3', diff: '', requirements: { pip: '' } };

describe('import of a seed-made pipeline (Steps configuration)', () => {
  test('writes code that synthesizes to the same drafts, controller and DAG; --adopt makes every task a no-op', async () => {
    const ids = await loadFixture(harness.client(), 'seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug' });
    expect(result.pipeline.origin).toBe('seed');
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("import { AdoptedController, App, CompressStep, EvalStep, EvalSuite, Pipeline, Recipe } from 'cdk-style';");
    expect(result.code).toContain("    controller: new AdoptedController({\n      dagFormat: 'Steps',");
    expect(result.code).toContain("entry_point: 'src/automation/pipelines/pipeline_script.py',");
    expect(result.code).toContain("// the seed's LLMCompressorTask (a compression): CompressStep with Recipe.preset('quantization_w4a16') renders this draft with the task overrides below (comment, script.binary, script.diff, script.requirements.pip).");
    expect(result.code).toContain("  step1.addTaskOverride('script.binary', 'python');");
    expect(result.code).toContain("  step2.addTaskOverride('hyperparams.Args.model_id.value', 'dummy');");
    expect(result.code).toContain("    model: step1.outputModel,\n    suite: EvalSuite.preset('openllm'),");
    expect(result.code).toContain('step2.dependsOn(step1);');

    const generated = buildManifests(loadGenerated(result.code)(new App({ outdir: 'unused' })))[0];
    expect(generated).toEqual(result.manifest);
    expect(generated.steps.step2.node).toMatchObject({ parents: ['step1'], queue: 'oneshot-a100x1', parameters: { 'Args/model_id': '${step1.models.output.-1.id}' } });
    expect(generated.steps.step1.task.script.binary).toBe('python');

    const adopted = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
    expect(adopted.adopted.map((t) => t.id).sort()).toEqual([ids.get('controller'), ids.get('step1_draft'), ids.get('step2_draft'), ids.get('step3_draft')].sort());
    const { plan } = await diff(harness.client(), [generated]);
    expect(plan.pipelines[0].steps.map((s) => `${s.nodeName} ${s.kind} ${s.taskId}`)).toEqual([
      `step1 no-op ${ids.get('step1_draft')}`, `step2 no-op ${ids.get('step2_draft')}`, `step3 no-op ${ids.get('step3_draft')}`,
    ]);
    // The seed's controller is taken over as it is: no native controller beside it.
    expect([plan.pipelines[0].controller.kind, plan.pipelines[0].controller.taskId]).toEqual(['no-op', ids.get('controller')]);
    expect(formatPlan(plan)).toBe('There were no differences');
    expect((await deploy(harness.client(), [generated])).noChanges).toBe(true);
    const live = await harness.client().getAll<{ id: string; type: string }>('tasks.get_all', { system_tags: ['-archived'] }, 'tasks');
    expect(live.map((t) => t.type).sort()).toEqual(['controller', 'training', 'training', 'training']);
  });

  test('after adoption a DAG change is written into the seed controller, in its Steps format', async () => {
    const ids = await loadFixture(harness.client(), 'seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
    const app = loadGenerated(result.code)(new App({ outdir: 'unused' }));
    const pipeline = app.node.findChild('my_pipeline') as Pipeline;
    const step1 = pipeline.node.findChild('step1') as Step;
    new DraftStep(pipeline, 'step4', { taskName: 'step4_draft', queue: 'oneshot-a100x1', script: { ...SCRIPT }, hyperparams: { Args: { model_id: { section: 'Args', name: 'model_id', value: '', description: '' } } }, parameterOverrides: { 'Args/model_id': step1.outputModel } }).dependsOn(step1);
    const changed = buildManifests(app)[0];
    const { plan } = await diff(harness.client(), [changed]);
    expect(plan.pipelines[0].controller).toMatchObject({ kind: 'update', taskId: ids.get('controller') });
    expect(plan.pipelines[0].controller.changes.map((c) => c.path)).toEqual(['configuration.Steps']);
    await deploy(harness.client(), [changed]);
    const [controller] = await harness.client().getAll<ObservedTask>('tasks.get_all', { id: [ids.get('controller') as string], only_fields: ['configuration', 'script', 'project'] }, 'tasks');
    const steps = parseSeedSteps(controller.configuration?.Steps.value ?? '');
    expect(steps.map((s) => `${s.node.name}<-${s.node.parents.join(',')}`)).toEqual(['step1<-', 'step2<-step1', 'step3<-step1', 'step4<-step1']);
    expect(steps[3].node.parameters).toEqual({ 'Args/model_id': '${step1.models.output.-1.id}' });
    expect(controller.script?.entry_point).toBe('src/automation/pipelines/pipeline_script.py');
    expect(formatPlan((await diff(harness.client(), [changed])).plan)).toBe('There were no differences');
  });

  test('without the controller prop the adopted seed controller becomes the native one in place', async () => {
    const ids = await loadFixture(harness.client(), 'seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
    const native = loadGenerated(result.code.replace(/\n    controller: new AdoptedController\(\{[\s\S]*?\n    \}\),/, ''))(new App({ outdir: 'unused' }));
    const manifest = buildManifests(native)[0];
    expect(manifest.controller.dagFormat).toBeUndefined();
    const { plan } = await diff(harness.client(), [manifest]);
    expect(plan.pipelines[0].controller).toMatchObject({ kind: 'update', taskId: ids.get('controller') });
    expect(plan.pipelines[0].controller.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['project', 'script.entry_point', 'configuration.Pipeline', 'configuration.Steps']));
    await deploy(harness.client(), [manifest]);
    const [controller] = await harness.client().getAll<ObservedTask>('tasks.get_all', { id: [ids.get('controller') as string], only_fields: ['configuration', 'script'] }, 'tasks');
    expect(Object.keys(controller.configuration ?? {})).toEqual(['Pipeline']);
    expect(formatPlan((await diff(harness.client(), [manifest])).plan)).toBe('There were no differences');
  });

  test("the review bundle's DAG of an adopted seed pipeline marks a step removed from the code (read from Steps)", async () => {
    await loadFixture(harness.client(), 'seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
    const withoutStep3 = result.code.replace(/\n  \/\/ Step 'step3'[\s\S]*?step3\.dependsOn\(step1\);/, '');
    expect(withoutStep3).not.toContain("'step3'");
    const manifest = buildManifests(loadGenerated(withoutStep3)(new App({ outdir: 'unused' })))[0];
    const dag = reviewDag((await diff(harness.client(), [manifest])).plan.pipelines[0]);
    expect(dag).toContain('  n_step3["step3<br/>removed"]:::removed');
    expect(dag).toContain('  n_step1 -.-> n_step3');
  });

  test('the Steps text cdk-style writes is the text the seed stores', async () => {
    const ids = await loadFixture(harness.client(), 'seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug' });
    const draftIds = Object.fromEntries(result.pipeline.nodes.map((n) => [n.name, n.baseTaskId]));
    expect(renderControllerTask(result.manifest, draftIds).configuration.Steps.value).toBe(result.pipeline.controller.configuration?.Steps.value);
    expect(draftIds.step1).toBe(ids.get('step1_draft'));
  });
});

describe('import of a PipelineController-made pipeline (Pipeline configuration)', () => {
  test('parameters, version, references and monitors carry over; --adopt also takes over the controller', async () => {
    const ids = await loadFixture(harness.client(), 'pipeline-controller');
    const result = await importPipeline(harness.client(), { name: 'train_pipeline', adopt: true });
    expect(result.pipeline).toMatchObject({ origin: 'pipeline-controller', project: 'vision_team', version: '1.2.0' });
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("'General/dataset_task': prepare.taskId,");
    expect(result.code).toContain("'Args/lr': pipeline.parameter('lr'),");
    const generated = buildManifests(loadGenerated(result.code)(new App({ outdir: 'unused' })))[0];
    expect(generated.controller.parameters).toEqual([{ name: 'lr', default: '0.001', type: 'float', description: '' }]);
    expect(generated.steps.train.node).toMatchObject({ parents: ['prepare'], queue: 'gpu-a100', monitor_metrics: [[['loss', 'total'], ['loss', 'total']]], monitor_models: [['best', 'best']] });
    expect(result.adopted.map((t) => t.id)).toContain(ids.get('controller'));
    const { plan } = await diff(harness.client(), [generated]);
    expect(plan.pipelines[0].steps.every((s) => s.kind === 'no-op')).toBe(true);
    expect([plan.pipelines[0].controller.kind, plan.pipelines[0].controller.taskId]).toEqual(['no-op', ids.get('controller')]);
    expect(result.code).toContain("entry_point: 'make_pipeline.py',");
  });

  test('a DAG change to a controller adopted from a PipelineController script is refused with nothing written', async () => {
    const ids = await loadFixture(harness.client(), 'pipeline-controller');
    const result = await importPipeline(harness.client(), { name: 'train_pipeline', adopt: true });
    const app = loadGenerated(result.code)(new App({ outdir: 'unused' }));
    const pipeline = app.node.findChild('train_pipeline') as Pipeline;
    (pipeline.node.findChild('train') as Step).addParameterOverride('General/epochs', '20');
    const changed = buildManifests(app)[0];
    expect(changed.controller.dagFormat).toBe('Pipeline');
    const { plan } = await diff(harness.client(), [changed]);
    expect(formatPlan(plan)).toContain('Warning: pipeline train_pipeline: the DAG changed, but its controller runs its own script (make_pipeline.py), which builds the DAG from its code; deploy refuses this (see below)');
    harness.resetCounts();
    await expect(deploy(harness.client(), [changed])).rejects.toThrow(/^Nothing was written: the DAG of train_pipeline \(controller [0-9a-f]+, script make_pipeline.py\) changed/);
    expect(harness.writes()).toBe(0);
    const [controller] = await harness.client().getAll<ObservedTask>('tasks.get_all', { id: [ids.get('controller') as string], only_fields: ['configuration'] }, 'tasks');
    expect(controller.configuration?.Pipeline.value).toBe(result.pipeline.controller.configuration?.Pipeline.value);
  });

  test('a name that matches nothing is a clear error', async () => {
    await expect(importPipeline(harness.client(), { name: 'nope' })).rejects.toThrow("No pipeline controller found for pipeline 'nope'. Check the name and --project, or pass --id <controller task id>.");
  });
});

describe('typed steps', () => {
  test('drafts a typed step renders exactly come back as CompressStep and EvalStep with their presets', async () => {
    const original = seedManifest();
    await deploy(harness.client(), [original]);
    const client = harness.client();
    const owned = await client.getAll<{ id: string }>('tasks.get_all', { system_tags: ['cdk-style:managed'] }, 'tasks');
    for (const task of owned) {
      await client.call('tasks.edit', { task: task.id, system_tags: [], force: true });
    }
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug' });
    expect(result.pipeline.origin).toBe('pipeline-controller');
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("import { App, CompressStep, EvalStep, EvalSuite, Pipeline, Recipe } from 'cdk-style';");
    expect(result.code).toContain("const step1 = new CompressStep(pipeline, 'step1', {");
    expect(result.code).toContain("    recipe: Recipe.preset('quantization_w4a16'),");
    expect(result.code).toContain("    model: step1.outputModel,\n    suite: EvalSuite.preset('leaderboard'),");
    expect(result.code).toContain("// the seed's LMEvalTask (an lm-evaluation-harness evaluation): EvalStep with EvalSuite.preset('openllm') renders this draft exactly.");
    const generated = buildManifests(loadGenerated(result.code)(new App({ outdir: 'unused' })))[0];
    for (const name of ['step1', 'step2', 'step3']) {
      expect([name, generated.steps[name].task]).toEqual([name, original.steps[name].task]);
      expect([name, generated.steps[name].node]).toEqual([name, original.steps[name].node]);
    }
  });

  test('LightEval and GuideLLM drafts come back as LightEvalStep and GuideLlmStep with their presets', async () => {
    const app = new App({ outdir: 'unused' });
    const pipeline = new Pipeline(app, 'bench_pipeline', { project: 'bench', defaultQueue: 'oneshot-a100x1' });
    const quantize = new CompressStep(pipeline, 'quantize', { model: 'org/m', recipe: Recipe.preset('quantization_w8a8') });
    new LightEvalStep(pipeline, 'aime', { model: quantize.outputModel, suite: LightEvalSuite.preset('aime2024') });
    new GuideLlmStep(pipeline, 'chat', { model: quantize.outputModel, benchmark: GuideLlmBenchmark.preset('benchmarking_chat') });
    const original = buildManifests(app)[0];
    await deploy(harness.client(), [original]);
    const client = harness.client();
    for (const task of await client.getAll<{ id: string }>('tasks.get_all', { system_tags: ['cdk-style:managed'] }, 'tasks')) {
      await client.call('tasks.edit', { task: task.id, system_tags: [], force: true });
    }
    const result = await importPipeline(client, { name: 'bench_pipeline', project: 'bench' });
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("import { App, CompressStep, GuideLlmBenchmark, GuideLlmStep, LightEvalStep, LightEvalSuite, Pipeline, Recipe } from 'cdk-style';");
    expect(result.code).toContain("    model: quantize.outputModel,\n    suite: LightEvalSuite.preset('aime2024'),");
    expect(result.code).toContain("    model: quantize.outputModel,\n    benchmark: GuideLlmBenchmark.preset('benchmarking_chat'),");
    const generated = buildManifests(loadGenerated(result.code)(new App({ outdir: 'unused' })))[0];
    for (const name of ['quantize', 'aime', 'chat']) {
      expect([name, generated.steps[name].task, generated.steps[name].node]).toEqual([name, original.steps[name].task, original.steps[name].node]);
    }
  });

  test('a draft that differs from the typed step in what it computes stays a DraftStep, and the comment says what would change', async () => {
    const ids = await loadFixture(harness.client(), 'seed-pipeline');
    const client = harness.client();
    const [draft] = await client.getAll<ObservedTask>('tasks.get_all', { id: [ids.get('step1_draft') as string], only_fields: ['hyperparams'] }, 'tasks');
    const args = { ...draft.hyperparams?.Args, 'recipe_args/group_size': { section: 'Args', name: 'recipe_args/group_size', type: 'int', value: '64', description: '' } };
    await client.call('tasks.edit', { task: ids.get('step1_draft'), hyperparams: { ...draft.hyperparams, Args: args }, force: true });
    const { code, differences } = await importPipeline(harness.client(), { name: 'my_pipeline' });
    expect(differences).toEqual([]);
    expect(code).toMatch(/\/\/ the seed's LLMCompressorTask \(a compression\), kept as a DraftStep so that deploying it changes nothing on the server: the closest typed step, CompressStep with Recipe.preset\('quantization_w4a16'\), would change [^\n]*hyperparams.Args.recipe_args\/group_size/);
    expect(code).toContain("const step1 = new DraftStep(pipeline, 'step1', {");
    expect(code).toContain("const step2 = new EvalStep(pipeline, 'step2', {");
  });
});
