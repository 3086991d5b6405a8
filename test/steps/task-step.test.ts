import { buildManifests } from '../../lib/core/synthesizer';
import { TaskStep } from '../../lib/steps/task-step';
import { compress, newPipeline } from '../core/fixtures';

describe('TaskStep', () => {
  test('runs any script with its own Args and configuration objects', () => {
    const { app, pipeline } = newPipeline();
    const source = compress(pipeline, 'quantize');
    new TaskStep(pipeline, 'export', {
      repository: 'https://github.com/acme/tools.git',
      branch: 'dev',
      entryPoint: 'tools/export.py',
      packages: ['requests'],
      image: 'python:3.11',
      args: { model: source.outputModel, formats: ['gguf'], options: { bits: 4 } },
      configurations: { settings: { retries: 3 }, notes: 'free text' },
    });
    const [m] = buildManifests(app);
    const step = m.steps.export;
    expect(step.kind).toBe('TaskStep');
    expect(step.node.parents).toEqual(['quantize']);
    expect(step.node.parameters).toEqual({ 'Args/model': '${quantize.models.output.-1.id}' });
    expect(step.task.script).toMatchObject({ repository: 'https://github.com/acme/tools.git', branch: 'dev', entry_point: 'tools/export.py', diff: '' });
    expect(step.task.script.requirements.pip).toBe('requests\nclearml');
    expect(step.task.hyperparams.Args['options/bits']).toMatchObject({ value: '4', type: 'int' });
    expect(step.task.hyperparams.Args.formats).toMatchObject({ value: '["gguf"]', type: 'list' });
    expect(step.task.configuration.settings).toEqual({ name: 'settings', value: '{"retries": 3}', type: 'dictionary', description: '' });
    expect(step.task.configuration.notes).toEqual({ name: 'notes', value: 'free text', type: 'str', description: '' });
    expect(step.task.output_dest).toBeUndefined();
  });

  test('node options: timeout, monitors, continue on fail, caching', () => {
    const { app, pipeline } = newPipeline();
    new TaskStep(pipeline, 'job', {
      repository: 'https://github.com/acme/tools.git', entryPoint: 'run.py', timeoutSeconds: 600, continueOnFail: true, cacheExecutedStep: true,
      monitorMetrics: [{ title: 'loss', series: 'train', targetTitle: 'job loss' }], monitorArtifacts: ['report'], monitorModels: ['best'],
    });
    const node = buildManifests(app)[0].steps.job.node;
    expect(node).toMatchObject({
      timeout: 600, continue_on_fail: true, cache_executed_step: true,
      monitor_metrics: [[['loss', 'train'], ['job loss', 'train']]], monitor_artifacts: [['report', 'report']], monitor_models: [['best', 'best']],
    });
  });
});
