import { sameSettings } from '../../lib/clearml/configuration-settings';

const rendered = { name: 'lm_eval', type: 'dictionary', description: '', value: '{"tasks": "openllm", "limit": 5, "groups": {"g": {"series": "acc,none"}}, "flags": [true]}' };
/** As the ClearML SDK stores the same dictionary: HOCON text, other key order, no description. */
const stored = { name: 'lm_eval', type: 'dictionary', value: 'limit = 5\ntasks = "openllm"\ngroups {\n  g {\n    series = "acc,none"\n  }\n}\nflags = [true]' };

test('HOCON text the SDK stores holds the same settings as the JSON cdk-style writes', () => {
  expect(sameSettings(stored, rendered)).toBe(true);
  expect(sameSettings({ ...stored, value: rendered.value }, rendered)).toBe(true);
});

test.each([
  ['another value', { ...stored, value: stored.value.replace('limit = 5', 'limit = 6') }],
  ['a number written as a string', { ...stored, value: stored.value.replace('limit = 5', 'limit = "5"') }],
  ['a missing key', { ...stored, value: stored.value.replace('limit = 5\n', '') }],
  ['a substitution', { ...stored, value: `${stored.value}\nother = \${limit}` }],
  ['another type', { ...stored, type: 'str' }],
  ['a description', { ...stored, description: 'edited in the UI' }],
  ['no object on the server', undefined],
])('%s is not the same', (_what, live) => {
  expect(sameSettings(live, rendered)).toBe(false);
});
