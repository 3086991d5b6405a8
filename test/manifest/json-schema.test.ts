import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { schemaProblems } from '../../lib/manifest/json-schema';
import { renderAssembly } from '../../lib/manifest/write';
import { buildCompressBenchmarkApp } from '../../examples/compress-benchmark';
import { buildMatrixApp } from '../../examples/compress-eval-matrix';
import { buildEvalMatrixApp } from '../../examples/eval-matrix';
import { buildHpoApp } from '../../examples/hpo-pipeline';
import { buildPipelineExampleApp } from '../../examples/pipeline-example';
import { buildSeedApp } from '../../examples/seed-pipeline';

const EXAMPLES: Record<string, (app: App) => App> = {
  'seed-pipeline': buildSeedApp,
  'compress-eval-matrix': buildMatrixApp,
  'pipeline-example': buildPipelineExampleApp,
  'compress-benchmark': buildCompressBenchmarkApp,
  'eval-matrix': buildEvalMatrixApp,
  'hpo-pipeline': buildHpoApp,
};

describe('the shipped JSON Schema', () => {
  test.each(Object.keys(EXAMPLES))('accepts every file of examples/%s', (name) => {
    const pipelines = buildManifests(EXAMPLES[name](new App({ outdir: 'unused' })));
    expect(pipelines.length).toBeGreaterThan(0);
    const { manifest } = renderAssembly(pipelines);
    expect(schemaProblems('Assembly', manifest)).toEqual([]);
    for (const pipeline of pipelines) {
      expect(schemaProblems('Pipeline', JSON.parse(JSON.stringify(pipeline)))).toEqual([]);
    }
  });

  test('rejects a step without a queue and a task of an unknown type', () => {
    const [pipeline] = buildManifests(buildSeedApp(new App({ outdir: 'unused' })));
    const broken = JSON.parse(JSON.stringify(pipeline));
    delete broken.steps.step1.node.queue;
    broken.steps.step2.task.type = 'notebook';
    const problems = schemaProblems('Pipeline', broken);
    expect(problems).toEqual(expect.arrayContaining([
      "/steps/step1/node: must have required property 'queue'",
      '/steps/step2/task/type: must be equal to one of the allowed values',
    ]));
  });
});
