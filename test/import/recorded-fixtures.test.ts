/**
 * Import of pipelines recorded from the real ClearML SDK and the seed's automation package
 * (test/import/fixtures/recorded-*.json, made by scripts/sdk-compat/record_fixtures.py).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderControllerTask } from '../../lib/clearml/render';
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { deploy, diff } from '../../lib/deploy/deploy';
import { formatPlan } from '../../lib/deploy/format';
import { importPipeline } from '../../lib/import/import';
import { PipelineManifest } from '../../lib/manifest/schema';
import { Harness, startHarness } from '../deploy/harness';
import { loadFixture } from './load-fixture';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ queues: ['services', 'cpu', 'gpu-a100', 'oneshot-a100x1'] });
});
afterEach(async () => harness.close());

/** Synthesizes the generated `code` (jest maps 'cdk-style' to lib/). */
function synthesizeGenerated(code: string): PipelineManifest {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-recorded-')), 'imported.ts');
  fs.writeFileSync(file, code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require(file) as { buildApp: (app: App) => App };
  return buildManifests(buildApp(new App({ outdir: 'unused' })))[0];
}

async function draftCount(): Promise<number> {
  const drafts = await harness.client().getAll<{ id: string }>('tasks.get_all', { type: ['training'], system_tags: ['-archived'] }, 'tasks');
  return drafts.length;
}

describe('recorded: PipelineController + Task.create (ClearML SDK 1.17)', () => {
  test('every reference, the pipeline parameter, version and node settings carry over; adopt + deploy change nothing', async () => {
    const ids = await loadFixture(harness.client(), 'recorded-sdk-pipeline-controller');
    const result = await importPipeline(harness.client(), { name: 'train_pipeline', project: 'vision_team', adopt: true });
    expect(result.pipeline).toMatchObject({ origin: 'pipeline-controller', project: 'vision_team', version: '1.2.0' });
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("'General/dataset_task': prepare.taskId,");
    expect(result.code).toContain("'Args/lr': pipeline.parameter('lr'),");
    expect(result.code).toContain("'Args/model_id': train.outputModel,");
    expect(result.code).toContain("'Args/lr_used': train.parameter('Args/lr'),");

    const generated = synthesizeGenerated(result.code);
    expect(generated).toEqual(result.manifest);
    // The SDK 1.17 drops add_parameter's description (it looks it up by 'Args/lr', stored under 'lr').
    expect(generated.controller.parameters).toEqual([{ name: 'lr', default: '0.001', type: 'float', description: '' }]);
    expect(generated.steps.train.node).toMatchObject({ parents: ['prepare'], queue: 'gpu-a100', monitor_metrics: [[['loss', 'total'], ['loss', 'total']]], monitor_models: [['best', 'best']] });
    expect(generated.steps.evaluate.node).toMatchObject({
      parents: ['train'], queue: 'gpu-a100', timeout: 3600, continue_on_fail: true,
      parameters: { 'Args/model_id': '${train.models.output.-1.id}', 'Args/lr_used': '${train.parameters.Args/lr}' },
    });
    expect(generated.steps.prepare.task.script).toMatchObject({ binary: 'python', entry_point: 'prepare.py' });

    expect(result.adopted.map((t) => t.id).sort()).toEqual(['controller', 'prepare_data', 'train_model', 'evaluate_model'].map((r) => ids.get(r)).sort());
    const { plan } = await diff(harness.client(), [generated]);
    expect(plan.pipelines[0].steps.map((s) => `${s.nodeName} ${s.kind}`)).toEqual(['evaluate no-op', 'prepare no-op', 'train no-op']);
    expect(plan.pipelines[0].controller.taskId).toBe(ids.get('controller'));
  });
});

describe("recorded: the seed's docs/creating_pipelines.md example (automation package through the SDK)", () => {
  test('CompressStep and EvalStep presets with task overrides for what the SDK stores differently; adopt, then deploy changes nothing', async () => {
    const ids = await loadFixture(harness.client(), 'recorded-seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
    expect(result.pipeline.origin).toBe('seed');
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("import { AdoptedController, App, CompressStep, EvalStep, EvalSuite, Pipeline, Recipe } from 'cdk-style';");
    expect(result.code).toContain("    model: 'meta-llama/Llama-3.2-1B-Instruct',\n    recipe: Recipe.preset('quantization_w4a16'),");
    expect(result.code).toContain("    model: step1.outputModel,\n    suite: EvalSuite.preset('openllm'),");
    expect(result.code).toContain("    model: step1.outputModel,\n    suite: EvalSuite.preset('leaderboard'),");
    // What the SDK stores differently (recorded): the server's default interpreter, its Task.init
    // patch wording, the doc's placeholder model id.
    expect(result.code).toContain("step1.addTaskOverride('script.binary', 'python');");
    expect(result.code).toContain('+(__name__ != "__main__") or Task.init()');
    expect(result.code).toContain("step3.addTaskOverride('hyperparams.Args.model_id.value', 'dummuy');");
    // lm_eval is stored as HOCON text with the preset's settings: no override, diff compares the settings.
    expect(result.code).not.toContain("addTaskOverride('configuration.");

    const generated = synthesizeGenerated(result.code);
    expect(generated).toEqual(result.manifest);
    expect(generated.steps.step2.node).toMatchObject({ parents: ['step1'], queue: 'oneshot-a100x1', parameters: { 'Args/model_id': '${step1.models.output.-1.id}' } });
    const { plan } = await diff(harness.client(), [generated]);
    expect(plan.pipelines[0].steps.map((s) => `${s.nodeName} ${s.kind} ${s.taskId}`)).toEqual(
      ['step1', 'step2', 'step3'].map((n) => `${n} no-op ${ids.get(`${n}_draft`)}`),
    );
    expect([plan.pipelines[0].controller.kind, plan.pipelines[0].controller.taskId]).toEqual(['no-op', ids.get('controller')]);
    await deploy(harness.client(), [generated]);
    expect(formatPlan((await diff(harness.client(), [generated])).plan)).toBe('There were no differences');
    expect(await draftCount()).toBe(3);
  });

  test("the Steps text cdk-style writes is byte for byte the text the seed's Pipeline stored", async () => {
    await loadFixture(harness.client(), 'recorded-seed-pipeline');
    const result = await importPipeline(harness.client(), { name: 'my_pipeline' });
    const draftIds = Object.fromEntries(result.pipeline.nodes.map((n) => [n.name, n.baseTaskId]));
    expect(renderControllerTask(result.manifest, draftIds).configuration.Steps.value).toBe(result.pipeline.controller.configuration?.Steps.value);
  });

  test('an lm_eval configuration with other settings than the preset keeps the step a DraftStep', async () => {
    await loadFixture(harness.client(), 'recorded-seed-pipeline');
    const [step3] = await harness.client().getAll<{ id: string; configuration: Record<string, { value: string }> }>('tasks.get_all', { name: '^step3_draft$', only_fields: ['id', 'configuration'] }, 'tasks');
    const changed = step3.configuration.lm_eval.value.replace('fewshot_as_multiturn = true', 'fewshot_as_multiturn = false');
    expect(changed).not.toBe(step3.configuration.lm_eval.value);
    await harness.client().call('tasks.edit', { task: step3.id, configuration: { lm_eval: { ...step3.configuration.lm_eval, value: changed } } });
    const result = await importPipeline(harness.client(), { name: 'my_pipeline' });
    expect(result.differences).toEqual([]);
    expect(result.code).toContain("const step3 = new DraftStep(pipeline, 'step3', {");
    expect(result.code).toContain("const step2 = new EvalStep(pipeline, 'step2', {");
  });
});
