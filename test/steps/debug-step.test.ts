import { ValidationError } from '../../lib/base/errors';
import { buildManifests } from '../../lib/core/synthesizer';
import { DebugStep } from '../../lib/steps/debug-step';
import { newPipeline } from '../core/fixtures';
import { DEBUG_TASK } from './fixtures/seed-tasks';
import { expectSeedDraft } from './seed-draft';

describe('DebugStep', () => {
  test('renders the draft DebugTask(time_in_sec=...) would', () => {
    const { pipeline } = newPipeline();
    expectSeedDraft(new DebugStep(pipeline, 'sleep', { seconds: 1200 }).renderTask(), DEBUG_TASK, { time_in_sec: ['1200', 'int'] });
    const withPackages = new DebugStep(pipeline, 'sleep2', { seconds: 5, packages: ['vllm', 'numpy==2.1'] }).renderTask();
    expect(withPackages.script.requirements.pip.split('\n').slice(0, 2)).toEqual(['numpy==2.1', 'vllm']);
  });

  test('a DAG of debug steps, the duration from a pipeline parameter', () => {
    const { app, pipeline } = newPipeline({ parameters: { pause: { type: 'int', default: 30 } } });
    const first = new DebugStep(pipeline, 'first', { seconds: pipeline.parameter('pause') });
    new DebugStep(pipeline, 'second', { seconds: 10 }).dependsOn(first);
    const [m] = buildManifests(app);
    expect(m.steps.first.node.parameters).toEqual({ 'Args/time_in_sec': '${pipeline.pause}' });
    expect(m.steps.first.task.hyperparams.Args.time_in_sec).toMatchObject({ value: '30', type: 'int' });
    expect(m.steps.second.node.parents).toEqual(['first']);
    expect(m.steps.second.kind).toBe('DebugStep');
  });

  test('a fractional or negative duration is a validation error', () => {
    const { app, pipeline } = newPipeline();
    new DebugStep(pipeline, 'half', { seconds: 0.5 });
    expect(() => buildManifests(app)).toThrow(ValidationError);
    expect(() => buildManifests(app)).toThrow(/\[demo\/half\] seconds 0.5 is not a whole number of seconds >= 0/);
  });
});
