import { reproducing } from '../../lib/import/choose-typed';
import { TypedStep } from '../../lib/import/typed';
import { ObservedTask } from '../../lib/deploy/observe';

const live = { id: 'd', name: 'd', type: 'training', status: 'created', comment: 'stored comment', script: { binary: 'python' } } as ObservedTask;
const candidate = (preset: string): TypedStep => ({ kind: 'EvalStep', preset, model: { literal: 'm' } });

test('every candidate tried with task overrides is declared under an id of its own', () => {
  const ids: number[] = [];
  // Both presets differ only in overridable fields, and neither reproduces the draft with the overrides.
  const result = reproducing([candidate('openllm'), candidate('leaderboard')], (typed, i) => {
    ids.push(i);
    return typed.taskOverrides === undefined ? ['comment', 'script.binary'] : ['hyperparams.Args.model_id'];
  }, live);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([0, 1, 2, 3]);
  expect(result.typed).toBeUndefined();
  expect(result.closest?.label).toBe("EvalStep with EvalSuite.preset('openllm')");
});
