import * as fs from 'node:fs';
import * as path from 'node:path';
import { suiteAverages } from '../../lib/report/averages';
import { metricId, metricValues } from '../../lib/report/metric-values';
import { GroupTree, suiteOfConfiguration } from '../../lib/report/suites';
import { EVALUATION_PRESETS } from '../../lib/steps/presets/evaluations';

const values = (entries: [string, string, number][]) => new Map(entries.map(([t, m, v]) => [metricId(t, m), v]));

describe('suite averages from the seed groups', () => {
  test('plain mean of the members', () => {
    const groups: GroupTree = { g: { a: { series: 'acc,none' }, b: { series: 'em,none' } } };
    expect(suiteAverages(groups, values([['a', 'acc,none', 0.2], ['b', 'em,none', 0.6]]))).toEqual([{ group: 'g', value: 0.4, computed: true }]);
  });

  test('normalized leaves, weights and nested groups, a group before its sub-groups', () => {
    const groups: GroupTree = {
      top: {
        sub: { x: { series: 's', normalize: true, random_score: 0.25 }, y: { series: 's', weight: 2 } },
        z: { series: 's' },
      },
    };
    const result = suiteAverages(groups, values([['x', 's', 0.625], ['y', 's', 0.25], ['z', 's', 0.1]]));
    expect(result.map((a) => a.group)).toEqual(['top', 'sub']);
    expect(result[1].value).toBeCloseTo((0.5 + 0.5) / 2, 12);
    expect(result[0].value).toBeCloseTo((0.5 + 0.1) / 2, 12);
  });

  test('a reported average wins over the computed one; a missing member leaves the average missing', () => {
    const groups: GroupTree = { g: { a: { series: 's' }, b: { series: 's' } } };
    expect(suiteAverages(groups, values([['a', 's', 0.2], ['g', 'average', 0.9]]))).toEqual([{ group: 'g', value: 0.9, computed: false }]);
    expect(suiteAverages(groups, values([['a', 's', 0.2]]))).toEqual([{ group: 'g', value: undefined, computed: true }]);
  });

  test('the leaderboard preset: every group listed, ifeval through its nested groups', () => {
    const suite = suiteOfConfiguration({ lm_eval: { value: JSON.stringify(EVALUATION_PRESETS.leaderboard.settings) } });
    expect(suite?.name).toBe('leaderboard');
    const names = suiteAverages(suite?.groups ?? {}, new Map()).map((a) => a.group);
    expect(names).toEqual(['leaderboard', 'math_lvl5', 'musr', 'bbh', 'gpqa', 'ifeval', 'ifeval_instlevel', 'ifeval_promptlevel']);
  });

  test("a seed-made draft's lm_eval stored as the SDK's HOCON reads as the same suite", () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'import', 'fixtures', 'recorded-seed-pipeline.json'), 'utf8')) as { tasks: Array<{ ref: string; configuration: Record<string, { value: string }> }> };
    const stored = fixture.tasks.find((t) => t.ref === 'step3_draft')?.configuration ?? {};
    expect(stored.lm_eval.value.trim().startsWith('{')).toBe(false);
    expect(suiteOfConfiguration(stored)).toEqual(suiteOfConfiguration({ lm_eval: { value: JSON.stringify(EVALUATION_PRESETS.leaderboard.settings) } }));
  });
});

describe('scores read from last_metrics', () => {
  const entry = (metric: string, variant: string, value: unknown) => ({ metric, variant, value, min_value: value, max_value: value });
  test('scalars first, single values (Summary) when there is no scalar, standard errors and non-numbers left out', () => {
    const lastMetrics = {
      h1: { v1: entry('gsm8k', 'exact_match,strict-match', 0.4), v2: entry('gsm8k', 'exact_match_stderr,strict-match', 0.01) },
      h2: {
        v3: entry('Summary', 'gsm8k/5shot/exact_match,strict-match', 0.3),
        v4: entry('Summary', 'mmlu/acc,none', 0.6),
        v5: entry('Summary', 'openllm', 0.5),
        v6: entry('Summary', 'arc/acc,none', 'NaN'),
      },
    };
    expect([...metricValues(lastMetrics)].sort()).toEqual([
      [metricId('gsm8k', 'exact_match,strict-match'), 0.4], [metricId('mmlu', 'acc,none'), 0.6], [metricId('openllm', 'average'), 0.5],
    ].sort());
    expect(metricValues(undefined).size).toBe(0);
  });

  test('a configuration that is not an evaluation has no suite', () => {
    expect(suiteOfConfiguration({ recipe: { value: 'x: 1' } })).toBeUndefined();
    expect(suiteOfConfiguration({ lm_eval: { value: 'not json' } })).toBeUndefined();
    expect(suiteOfConfiguration({ lm_eval: { value: '{"tasks": ["a", "b"]}' } })).toEqual({ name: 'a,b', groups: {} });
  });
});
