import { parsePythonLiteral } from '../../lib/clearml/python-literal';
import { nodesFromSeedSteps } from '../../lib/import/model';

describe('parsePythonLiteral', () => {
  test('reads what str() of add_step argument tuples gives', () => {
    const text = "[((), {'name': 'step2', 'parents': ['step1'], 'monitor_metrics': [('gsm8k', 'exact_match,strict-match')], 'time_limit': 3600.0, 'cache_executed_step': True, 'x': None}),\n((), {\"name\": \"it's\", 'n': -1_000, 'e': 1e-3})]";
    expect(parsePythonLiteral(text)).toEqual([
      [[], { name: 'step2', parents: ['step1'], monitor_metrics: [['gsm8k', 'exact_match,strict-match']], time_limit: 3600, cache_executed_step: true, x: null }],
      [[], { name: "it's", n: -1000, e: 0.001 }],
    ]);
  });

  test('string escapes, implicit concatenation and unicode', () => {
    expect(parsePythonLiteral("'a\\'b\\n\\x41\\u00e9' 'c'")).toBe("a'b\nAéc");
  });

  test('an unreadable literal says where it stopped', () => {
    expect(() => parsePythonLiteral("[{'a': 1}, lambda]")).toThrow('expected a value at offset 11');
    expect(() => parsePythonLiteral("['a'")).toThrow("expected ',' or ']' at offset 4");
  });
});

describe('nodesFromSeedSteps', () => {
  test('positional name and base_task_id, monitors as pairs, time_limit as the timeout', () => {
    const [node] = nodesFromSeedSteps("[(('s1', 'abc'), {'execution_queue': 'q', 'monitor_metrics': [('t', 's')], 'monitor_models': ['output'], 'time_limit': 60})]");
    expect(node).toMatchObject({ name: 's1', baseTaskId: 'abc', queue: 'q', monitorMetrics: [[['t', 's'], ['t', 's']]], monitorModels: [['output', 'output']], timeout: 60 });
  });

  test('a Steps entry without a name is refused', () => {
    expect(() => nodesFromSeedSteps("[((), {'base_task_id': 'x'})]")).toThrow('Steps entry 0 has no step name');
  });
});
