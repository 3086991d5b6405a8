import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoconError, parseHocon } from '../../lib/clearml/hocon';

function recordedConfiguration(ref: string, name: string): string {
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'import', 'fixtures', 'recorded-seed-pipeline.json'), 'utf8')) as { tasks: { ref: string; configuration: Record<string, { value: string }> }[] };
  return (fixture.tasks.find((t) => t.ref === ref) as { configuration: Record<string, { value: string }> }).configuration[name].value;
}

describe('parseHocon', () => {
  test('reads the lm_eval text the SDK stored for the seed openllm draft', () => {
    expect(parseHocon(recordedConfiguration('step2_draft', 'lm_eval'))).toEqual({
      model_args: 'max_model_len=4096,add_bos_token=True,enable_thinking=False,dtype=auto,enable_chunked_prefill=True,enforce_eager=True',
      tasks: 'openllm',
      apply_chat_template: false,
      groups: {
        openllm: {
          arc_challenge: { series: 'acc,none' }, gsm8k: { series: 'exact_match,strict-match' }, hellaswag: { series: 'acc_norm,none' },
          mmlu: { series: 'acc,none' }, winogrande: { series: 'acc,none' }, truthfulqa_mc2: { series: 'acc,none' },
        },
      },
      model: 'vllm',
    });
  });

  test('numbers, booleans, null, quoted keys, escapes, lists and triple-quoted strings', () => {
    const text = 'a = 0.333333\nb = -2\nc = true\nd = null\n"1" = "x\\"y\\n"\ne = [1, "two", {\n  f = 3\n}]\ng = """line 1\nline 2"""\nh {}\n';
    expect(parseHocon(text)).toEqual({ a: 0.333333, b: -2, c: true, d: null, 1: 'x"y\n', e: [1, 'two', { f: 3 }], g: 'line 1\nline 2', h: {} });
  });

  test('JSON text reads the same as JSON.parse', () => {
    const json = '{"model_args": "dtype=auto", "groups": {"x": {"series": "acc,none"}}, "limit": 5, "flags": [true, false]}';
    expect(parseHocon(json)).toEqual(JSON.parse(json));
  });

  test.each([
    ['a = ${b}', 'HOCON line 1: substitutions are not supported'],
    ['a = 1\n# note', 'HOCON line 2: comments are not supported'],
    ['a {\n b = 1', "HOCON line 2: missing '}'"],
    ['a 1', "HOCON line 1: expected '=' or '{' after key 'a'"],
    ['a = "open', 'HOCON line 1: unterminated string'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseHocon(text)).toThrow(new HoconError(message));
  });
});
