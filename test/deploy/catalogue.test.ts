/**
 * Each step kind of the catalogue deploys to the sandbox: drafts with their Args and
 * configuration objects as rendered, a controller DAG naming them, and a redeploy that writes nothing.
 */
import { parsePipelineConfiguration } from '../../lib/clearml/render';
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { deploy } from '../../lib/deploy/deploy';
import { PipelineManifest } from '../../lib/manifest/schema';
import { buildCompressBenchmarkApp } from '../../examples/compress-benchmark';
import { buildEvalMatrixApp } from '../../examples/eval-matrix';
import { buildHpoApp } from '../../examples/hpo-pipeline';
import { Harness, startHarness } from './harness';
import { identityOf, managedTasks } from './seed';

function manifests(): PipelineManifest[] {
  return [buildCompressBenchmarkApp, buildEvalMatrixApp, buildHpoApp].flatMap((build) => buildManifests(build(new App({ outdir: 'unused' }))));
}

describe('the catalogue step kinds deploy to the sandbox', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  test('LightEval, GuideLLM, Debug and HPO drafts are stored as rendered, and a redeploy writes nothing', async () => {
    const pipelines = manifests();
    const result = await deploy(harness.client(), pipelines, { createQueues: true });
    expect(result.noChanges).toBe(false);
    const live = new Map((await managedTasks(harness.client())).map((t) => [identityOf(t), t]));
    const kinds = new Set<string>();
    for (const pipeline of pipelines) {
      for (const step of Object.values(pipeline.steps)) {
        kinds.add(step.kind);
        const task = live.get(step.id);
        expect([step.id, task?.name]).toEqual([step.id, step.task.name]);
        for (const [name, item] of Object.entries(step.task.configuration)) {
          expect([step.id, name, task?.configuration?.[name]?.value]).toEqual([step.id, name, item.value]);
        }
        for (const [name, item] of Object.entries(step.task.hyperparams.Args ?? {})) {
          expect([step.id, name, task?.hyperparams?.Args?.[name]?.value]).toEqual([step.id, name, item.value]);
        }
      }
      const controller = live.get(pipeline.id);
      const dag = parsePipelineConfiguration(controller?.configuration?.Pipeline.value ?? '');
      expect(Object.keys(dag).sort()).toEqual(Object.keys(pipeline.steps).sort());
      for (const [name, step] of Object.entries(pipeline.steps)) {
        expect(dag[name]).toMatchObject({ parents: step.node.parents, parameters: step.node.parameters, base_task_id: live.get(step.id)?.id });
      }
    }
    expect([...kinds].sort()).toEqual(['CompressStep', 'DebugStep', 'EvalStep', 'GuideLlmStep', 'HpoStep', 'LightEvalStep', 'TaskStep']);
    harness.resetCounts();
    const again = await deploy(harness.client(), pipelines);
    expect(again.noChanges).toBe(true);
    expect(harness.writes()).toBe(0);
  });
});
