import { sameStoredDag } from '../../lib/clearml/controller-dag';
import { parsePythonLiteral } from '../../lib/clearml/python-literal';
import { pythonRepr } from '../../lib/clearml/python-repr';
import { renderPipelineConfiguration } from '../../lib/clearml/render';
import { parseSeedSteps, renderSeedSteps } from '../../lib/clearml/seed-steps';
import { NodeSpec, PipelineManifest } from '../../lib/manifest/schema';
import { seedManifest } from '../deploy/seed';

const EMPTY_NODE: Omit<NodeSpec, 'name'> = {
  parents: [], queue: '', parameters: {}, configurations: {}, task_overrides: {}, timeout: null,
  monitor_metrics: [], monitor_artifacts: [], monitor_models: [], continue_on_fail: false, cache_executed_step: false,
};

/** A manifest whose steps are exactly `nodes` (only the DAG matters to these renderers). */
function withNodes(nodes: NodeSpec[]): PipelineManifest {
  const base = seedManifest();
  const steps = Object.fromEntries(nodes.map((node) => [node.name, { ...base.steps.step1, node }]));
  return { ...base, steps };
}

describe('pythonRepr writes what ast.literal_eval reads back', () => {
  test.each([
    [null, 'None'], [true, 'True'], [false, 'False'], [3, '3'], [0.01, '0.01'], [1e-7, '1e-07'], [-2.5e-5, '-2.5e-05'],
    ['plain', "'plain'"], ["it's", '"it\'s"'], ['both \' and "', "'both \\' and \"'"], ['a\nb\tc\\d', "'a\\nb\\tc\\\\d'"],
    ['\x01', "'\\x01'"], ['héllo ✓', "'héllo ✓'"], [[], '[]'], [{ 'Args/x': ['a', 1] }, "{'Args/x': ['a', 1]}"],
  ])('%j → %s', (value, text) => {
    expect(pythonRepr(value)).toBe(text);
    expect(parsePythonLiteral(text)).toEqual(value);
  });

  test('a number with no Python literal is refused', () => {
    expect(() => pythonRepr(Number.POSITIVE_INFINITY)).toThrow('Infinity has no Python literal form');
  });
});

describe("the seed's Steps format", () => {
  const full: NodeSpec = {
    name: 'train', parents: ['prep', 'a'], queue: 'gpu', parameters: { 'Args/lr': '${pipeline.lr}', 'General/x': "it's" },
    configurations: { 'my.cfg': 'text' }, task_overrides: { 'script.branch': 'dev' }, timeout: 3600,
    monitor_metrics: [[['loss', 'total'], ['loss', 'total']]], monitor_artifacts: [['best', 'best']], monitor_models: [['m', 'out']],
    continue_on_fail: true, cache_executed_step: true,
  };
  const manifest = withNodes([{ ...EMPTY_NODE, name: 'prep' }, { ...EMPTY_NODE, name: 'a' }, full]);
  const ids = { prep: 'id-prep', a: 'id-a', train: 'id-train' };

  test('every node setting survives a render and a read, parents first', () => {
    const text = renderSeedSteps(manifest, ids);
    const steps = parseSeedSteps(text);
    expect(steps.map((s) => s.node.name)).toEqual(['a', 'prep', 'train']);
    expect(steps[2]).toEqual({ node: { ...full, parents: ['a', 'prep'] }, baseTaskId: 'id-train' });
  });

  test('short entries share a line; a line breaks once it passes 80 characters, as the SDK writes it', () => {
    const short = withNodes([{ ...EMPTY_NODE, name: 'a' }, { ...EMPTY_NODE, name: 'b' }, { ...EMPTY_NODE, name: 'c' }]);
    expect(renderSeedSteps(short, { a: '1', b: '2', c: '3' })).toBe(
      "[[[], {'name': 'a', 'base_task_id': '1'}], [[], {'name': 'b', 'base_task_id': '2'}],\n[[], {'name': 'c', 'base_task_id': '3'}]]",
    );
  });

  test('positional add_step arguments and HOCON-quoted dotted keys are read', () => {
    const [step] = parseSeedSteps("[[['s', 'id-1', ['p']], {'task_overrides': {'\"script.branch\"': 'dev'}, 'parameter_override': {'Args/n': 5, 'Args/b': True}}]]");
    expect(step).toEqual({ baseTaskId: 'id-1', node: { ...EMPTY_NODE, name: 's', parents: ['p'], task_overrides: { 'script.branch': 'dev' }, parameters: { 'Args/n': '5', 'Args/b': 'True' } } });
  });
});

describe('stored DAGs compare by definition', () => {
  const manifest = seedManifest();
  const ids = { step1: 'd1', step2: 'd2', step3: 'd3' };
  const text = renderPipelineConfiguration(manifest, ids);

  test('run state, key order and formatting are not changes', () => {
    const dag = JSON.parse(text) as Record<string, Record<string, unknown>>;
    dag.step2 = { ...dag.step2, status: 'completed', job_id: 'abc', executed: 'abc', draft: false };
    const reordered = Object.fromEntries(Object.entries(dag).reverse());
    expect(sameStoredDag('Pipeline', text, JSON.stringify(reordered))).toBe(true);
  });

  test('a base task, a parent, a queue or an override is a change; unreadable text never matches', () => {
    const dag = JSON.parse(text) as Record<string, Record<string, unknown>>;
    for (const [key, value] of [['base_task_id', 'other'], ['parents', []], ['queue', 'cpu'], ['parameters', {}]] as const) {
      expect([key, sameStoredDag('Pipeline', text, JSON.stringify({ ...dag, step2: { ...dag.step2, [key]: value } }))]).toEqual([key, false]);
    }
    expect(sameStoredDag('Pipeline', text, '{not json')).toBe(false);
    expect(sameStoredDag('Other', text, text)).toBe(false);
  });

  test('a Steps text matches its own rendering whatever its line breaks', () => {
    const steps = renderSeedSteps(manifest, ids);
    expect(sameStoredDag('Steps', steps, steps.replace(/,\n/g, ', '))).toBe(true);
    expect(sameStoredDag('Steps', steps, renderSeedSteps(manifest, { ...ids, step3: 'other' }))).toBe(false);
  });
});
