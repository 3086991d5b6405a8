import { ObservedTask } from '../../lib/deploy/observe';
import { isTaskInitPatch, sameRunReason } from '../../lib/import/equivalence';
import { TaskSpec } from '../../lib/manifest/schema';
import { taskInitPatch } from '../../lib/steps/script';

const ENTRY = 'src/automation/tasks/scripts/lmeval_script.py';
/** The Task.init line the ClearML SDK 1.17 writes (recorded in test/import/fixtures/recorded-seed-pipeline.json). */
const SDK_PATCH = taskInitPatch(ENTRY).replace("+if __name__ == '__main__': Task.init()", '+(__name__ != "__main__") or Task.init()');

function rendered(changes: { binary?: string; diff?: string; pip?: string; config?: string; modelId?: string } = {}): TaskSpec {
  return {
    name: 'step2_draft', type: 'training', project: '', comment: '', tags: [], system_tags: [],
    script: {
      binary: changes.binary ?? 'python3', branch: 'main', diff: changes.diff ?? taskInitPatch(ENTRY), entry_point: ENTRY,
      repository: 'https://github.com/neuralmagic/research.git', requirements: { pip: changes.pip ?? 'a\nb==1\nclearml' }, version_num: '', working_dir: '.',
    },
    container: { image: 'img', arguments: '', setup_shell_script: '' },
    hyperparams: { Args: { model_id: { section: 'Args', name: 'model_id', value: changes.modelId ?? '', type: 'str', description: '' } } },
    configuration: { lm_eval: { name: 'lm_eval', type: 'dictionary', description: '', value: changes.config ?? '{"tasks": "openllm", "limit": 5}' } },
  };
}

function live(changes: { binary?: string; diff?: string; pip?: string; config?: string; modelId?: string } = {}): ObservedTask {
  const r = rendered({ binary: 'python', diff: SDK_PATCH, pip: 'clearml\nb==1\na', config: 'tasks = "openllm"\nlimit = 5', modelId: 'dummy', ...changes });
  return { id: 't', status: 'created', ...r, configuration: { lm_eval: { ...r.configuration.lm_eval, description: undefined as unknown as string } } };
}

const OVERRIDDEN = new Map([['Args/model_id', '${step1.models.output.-1.id}']]);

test('the renderings the SDK and cdk-style write differently run the same', () => {
  expect(isTaskInitPatch(SDK_PATCH, ENTRY)).toBe(true);
  expect(isTaskInitPatch(taskInitPatch(ENTRY), ENTRY)).toBe(true);
  for (const path of ['script.binary', 'script.diff', 'script.requirements.pip', 'configuration.lm_eval', 'hyperparams.Args.model_id']) {
    expect([path, sameRunReason(path, live(), rendered(), OVERRIDDEN)]).toEqual([path, expect.any(String)]);
  }
});

test.each([
  ['script.binary', { binary: 'python3.10' }],
  ['script.diff', { diff: `${SDK_PATCH}+print('more')\n` }],
  ['script.diff', { diff: taskInitPatch('src/other.py') }],
  ['script.requirements.pip', { pip: 'a\nb==2\nclearml' }],
  ['configuration.lm_eval', { config: 'tasks = "leaderboard"\nlimit = 5' }],
  ['configuration.lm_eval', { config: 'tasks = "openllm"\nlimit = "5"' }],
  ['configuration.lm_eval', { config: 'tasks = ${other}' }],
  ['script.entry_point', {}],
])('%s %j is a real difference', (path, change) => {
  expect(sameRunReason(path, live(change), rendered(), OVERRIDDEN)).toBeUndefined();
});

test('a hyperparameter counts as unused only when the node overrides it with a placeholder', () => {
  expect(sameRunReason('hyperparams.Args.model_id', live(), rendered(), new Map())).toBeUndefined();
  expect(sameRunReason('hyperparams.Args.model_id', live(), rendered(), OVERRIDDEN)).toBe(
    'hyperparameter Args/model_id: draft value "dummy" becomes ""; neither is used, the node overrides it with ${step1.models.output.-1.id}',
  );
});
