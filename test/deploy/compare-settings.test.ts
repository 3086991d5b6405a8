/**
 * A configuration dictionary stored as the HOCON text the ClearML SDK writes counts as the
 * declared JSON when it holds the same settings, and as a change otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareTask } from '../../lib/deploy/compare';
import { ObservedTask } from '../../lib/deploy/observe';
import { TaskSpec } from '../../lib/manifest/schema';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { dictionaryItem } from '../../lib/steps/configuration';

/** The lm_eval text the SDK stored for the seed's leaderboard draft (recorded). */
const recorded = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'import', 'fixtures', 'recorded-seed-pipeline.json'), 'utf8')) as {
  tasks: { ref: string; configuration: Record<string, { name: string; type: string; value: string }> }[];
}).tasks.find((t) => t.ref === 'step3_draft')?.configuration.lm_eval as { name: string; type: string; value: string };

function declared(value: string): TaskSpec {
  return {
    name: 'step3_draft', type: 'training', project: 'p', comment: '', tags: [], system_tags: [],
    script: { binary: 'python', branch: 'main', diff: '', entry_point: 'x.py', repository: '', requirements: { pip: '' }, version_num: '', working_dir: '.' },
    container: { image: '', arguments: '', setup_shell_script: '' }, hyperparams: {},
    configuration: { lm_eval: { name: 'lm_eval', type: 'dictionary', description: '', value } },
  };
}

function live(task: TaskSpec, lmEval: { name: string; type: string; value: string }): ObservedTask {
  return { ...task, id: 't', status: 'created', configuration: { lm_eval: lmEval as TaskSpec['configuration'][string] } };
}

const leaderboardJson = (settings: Record<string, unknown>) => dictionaryItem('lm_eval', { model_args: 'dtype=auto,enable_chunked_prefill=True,enforce_eager=True', ...settings }).value;

test('the SDK-stored HOCON of the leaderboard settings is no change from the same settings as JSON', () => {
  const { model_args: _modelArgs, ...suite } = EvalSuite.preset('leaderboard').settings as Record<string, unknown>;
  const json = leaderboardJson({ ...suite, model: 'vllm' });
  const task = declared(json);
  expect(compareTask(task, live(task, recorded), 'p')).toEqual([]);
});

test('other settings are a change of configuration.lm_eval', () => {
  const task = declared(leaderboardJson({ tasks: 'openllm', model: 'vllm' }));
  expect(compareTask(task, live(task, recorded), 'p').map((c) => c.path)).toEqual(['configuration.lm_eval']);
});

test('a text that does not parse is compared as text', () => {
  const task = declared('{"tasks": "openllm"}');
  expect(compareTask(task, live(task, { ...recorded, value: 'tasks = ${other}' }), 'p').map((c) => c.path)).toEqual(['configuration.lm_eval']);
});
