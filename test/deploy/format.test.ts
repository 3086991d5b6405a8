import { planToJson } from '../../lib/deploy/format-json';
import { formatChange, formatMultilineChange, formatValue } from '../../lib/deploy/format-values';
import { NO_DIFFERENCES, formatPlan, formatTaskAction } from '../../lib/deploy/format';
import { formatEvent } from '../../lib/deploy/report';
import { Plan } from '../../lib/deploy/plan-model';
import { plan } from '../../lib/deploy/plan';
import { buildPipeline } from './fixtures';

const pipeline = buildPipeline();

function updatePlan(): Plan {
  const first = plan([pipeline], { projects: [], tasks: [], queues: [{ id: 'q', name: 'services' }] });
  const step = first.pipelines[0].steps[1];
  const updated = {
    ...step, kind: 'update' as const, taskId: 't2',
    changes: [
      { path: 'script.branch', field: 'script' as const, old: 'main', new: 'dev' },
      { path: 'hyperparams.Args.recipe', field: 'hyperparams' as const, old: 'a\nb\nc', new: 'a\nB\nc\nd' },
    ],
  };
  return { ...first, pipelines: [{ ...first.pipelines[0], steps: [first.pipelines[0].steps[0], updated] }] };
}

describe('formatPlan', () => {
  test('says only that there were no differences when there are none', () => {
    const empty: Plan = { projects: [], queues: [], pipelines: [] };
    expect(formatPlan(empty)).toBe(NO_DIFFERENCES);
  });

  test('prints creates, an update tree with old → new, missing queues and a summary', () => {
    const text = formatPlan(updatePlan());
    expect(text).toContain('[+] Project alexandre_debug/.pipelines (system tags: hidden)');
    expect(text).toContain('Warning: queue oneshot-a100x1 does not exist (deploy fails unless --create-queues)');
    expect(text).not.toMatch(/^\[!\] (?!Step|Controller|Task)/m);
    expect(text).toContain('Pipeline my_pipeline (my_pipeline) in project alexandre_debug');
    expect(text).toContain('[+] Step step1_draft (my_pipeline/step1)');
    expect(text).toContain('[~] Step step2_draft (my_pipeline/step2) t2\n ├─ script.branch: "main" → "dev"\n └─ hyperparams.Args.recipe: 3 → 4 lines (+2 −1)');
    expect(text.split('\n').pop()).toBe('Number of changes: 5 to create, 1 to update, 0 to replace, 0 to archive, 1 missing queue(s)');
  });
});

describe('values', () => {
  test('truncates long values and names absent ones', () => {
    expect(formatValue('x'.repeat(100))).toHaveLength(60);
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatChange(undefined, 'a')).toBe('(none) → "a"');
  });

  test('summarises multi-line changes as a line diff', () => {
    expect(formatMultilineChange('a\nb', 'a\nb\nc')).toBe('2 → 3 lines (+1 −0)');
  });
});

describe('planToJson', () => {
  test('has a stable documented shape', () => {
    const json = planToJson(updatePlan());
    expect(Object.keys(json)).toEqual(['version', 'differences', 'summary', 'projects', 'queues', 'pipelines']);
    expect(json.version).toBe(1);
    expect(json.pipelines[0].tasks[1]).toMatchObject({ action: 'update', role: 'step', nodeName: 'step2', changes: [{ path: 'script.branch', old: 'main', new: 'dev' }, expect.anything()] });
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({ differences: true });
  });
});

describe('formatChange of long and JSON-text values', () => {
  test('a configuration object shows the keys that changed inside it', () => {
    const before = JSON.stringify({ model_args: 'max_model_len=4096,add_bos_token=True,dtype=auto', tasks: 'openllm' });
    const after = JSON.stringify({ num_fewshot: 5, model_args: 'max_model_len=4096,add_bos_token=True,dtype=auto', tasks: 'openllm' });
    expect(formatChange(before, after)).toBe('{…} num_fewshot: (none) → 5');
  });

  test('a long string is shown from just before its first difference', () => {
    const before = `${'x'.repeat(100)}-old-tail`;
    const after = `${'x'.repeat(100)}-new-tail`;
    expect(formatChange(before, after)).toBe('"…xxxxxxxxx-old-tail" → "…xxxxxxxxx-new-tail"');
  });
});

describe('wording', () => {
  test('a duplicate to archive says so once, with the reason', () => {
    const [action] = plan([pipeline], {
      projects: [], queues: [],
      tasks: [1, 2].map((n) => ({
        id: `dup-${n}`, name: 'step1_draft', type: 'training', status: 'created', created: `2026-01-0${n}T00:00:00Z`,
        system_tags: ['cdk-style:managed', `cdk-style:pipeline=${pipeline.id}`, `cdk-style:id=${pipeline.steps.step1.id}`],
      })),
    }).pipelines[0].archives;
    const [line] = formatTaskAction(action, false);
    expect(line).toBe(`[-] Task step1_draft (${pipeline.steps.step1.id}) dup-2 duplicate: another live task has the same logical id (the oldest editable one is kept)`);
  });

  test('destroy and deploy call the controller a controller', () => {
    const event = { object: 'task' as const, outcome: 'archived' as const, name: 'my_pipeline', id: 'c1', role: 'controller', logicalId: 'my_pipeline' };
    expect(formatEvent(event)).toBe('[-] archived controller my_pipeline (my_pipeline) c1');
  });
});
