import { App } from '../../lib/core/app';
import { CONTROLLER_SCRIPT } from '../../lib/core/controller';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { identityTag, MANAGED_TAG, MANIFEST_SCHEMA_VERSION, pipelineTag } from '../../lib/manifest/schema';
import { withSortedKeys } from '../../lib/manifest/serialize';
import { buildMatrixApp } from '../../examples/compress-eval-matrix';
import { buildPipelineExampleApp } from '../../examples/pipeline-example';
import { buildSeedApp } from '../../examples/seed-pipeline';
import { compress, evaluate, newPipeline } from './fixtures';

describe('buildManifests', () => {
  test('renders the native controller layout', () => {
    const { app, pipeline } = newPipeline({ name: 'nightly', tags: ['b', 'a', 'b'], controllerImage: 'python:3.11' });
    compress(pipeline, 'quantize');
    const [m] = buildManifests(app);
    expect(m).toMatchObject({ schemaVersion: MANIFEST_SCHEMA_VERSION, id: 'demo', name: 'nightly', project: 'team_project', version: '1.0.0' });
    expect(m.projects).toEqual([
      { name: 'team_project', system_tags: [] },
      { name: 'team_project/.pipelines', system_tags: ['hidden'] },
      { name: 'team_project/.pipelines/nightly', system_tags: ['hidden', 'pipeline'] },
    ]);
    expect(m.queues).toEqual(['gpu-queue', 'services']);
    const task = m.controller.task;
    expect(task).toMatchObject({ name: 'nightly', type: 'controller', project: 'team_project/.pipelines/nightly', tags: ['a', 'b'], configuration: {}, runtime: { version: '1.0.0' } });
    expect(task.system_tags).toEqual([identityTag('demo'), MANAGED_TAG, pipelineTag('demo'), 'pipeline'].sort());
    expect(task.script).toEqual({
      repository: '', branch: '', version_num: '', entry_point: 'pipeline_controller.py', working_dir: '.', binary: 'python3',
      diff: CONTROLLER_SCRIPT, requirements: { pip: 'clearml==1.17.0' },
    });
    expect(task.container.image).toBe('python:3.11');
    expect(task.hyperparams.pipeline.default_queue).toEqual({ section: 'pipeline', name: 'default_queue', value: 'gpu-queue', type: 'str', description: '' });
    expect(task.hyperparams.pipeline.target_project.value).toBe('True');
    expect(task.hyperparams.properties.version.value).toBe('1.0.0');
    expect(CONTROLLER_SCRIPT).toContain('always_create_from_code=False');
    expect(CONTROLLER_SCRIPT).toContain('add_parameter');
  });

  test('steps carry ownership tags and live in the user project', () => {
    const { app, pipeline } = newPipeline();
    compress(pipeline, 'quantize');
    const [m] = buildManifests(app);
    expect(m.steps.quantize.id).toBe('demo/quantize');
    expect(m.steps.quantize.kind).toBe('CompressStep');
    expect(m.steps.quantize.task.project).toBe('team_project');
    expect(m.steps.quantize.task.system_tags).toEqual([identityTag('demo/quantize'), MANAGED_TAG, pipelineTag('demo')].sort());
  });

  test('returns one manifest per pipeline, sorted by id; a pipeline scope gives just that one', () => {
    const app = new App({ outdir: 'unused' });
    const zeta = new Pipeline(app, 'zeta', { project: 'proj', defaultQueue: 'gpu-queue' });
    const alpha = new Pipeline(app, 'alpha', { project: 'proj', defaultQueue: 'gpu-queue' });
    compress(zeta, 'quantize');
    compress(alpha, 'quantize');
    expect(buildManifests(app).map((m) => m.id)).toEqual(['alpha', 'zeta']);
    expect(buildManifests(zeta).map((m) => m.id)).toEqual(['zeta']);
  });

  test('declaration order does not change the output', () => {
    const build = (order: string[]): unknown => {
      const { app, pipeline } = newPipeline();
      pipeline.addParameter('observer', { default: 'mse' });
      for (const name of order) {
        const q = compress(pipeline, `q_${name}`);
        evaluate(pipeline, `e_${name}`, q);
      }
      return buildManifests(app);
    };
    expect(JSON.stringify(build(['a', 'b', 'c']))).toBe(JSON.stringify(build(['c', 'a', 'b'])));
  });

  test('output holds nothing environmental', () => {
    const { app, pipeline } = newPipeline();
    evaluate(pipeline, 'eval', compress(pipeline, 'quantize'));
    const text = JSON.stringify(buildManifests(app));
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  test('builds every step with its keys already in manifest order, so writing copies no step', () => {
    // Not a timing test: it keeps the property that makes synth of large pipelines cheap.
    const apps = [buildSeedApp(new App()), buildMatrixApp(new App()), buildPipelineExampleApp(new App())];
    const steps = apps.flatMap((app) => buildManifests(app).flatMap((m) => Object.values(m.steps)));
    expect(steps.length).toBeGreaterThan(6);
    for (const step of steps) {
      expect(withSortedKeys(step)).toBe(step);
    }
  });
});
