import { requirementsText, taskInitPatch } from '../../lib/steps/script';

describe('script helpers', () => {
  test('the Task.init patch is a 4-line unified diff of the entry point', () => {
    const lines = taskInitPatch('src/run.py').split('\n');
    expect(lines.slice(0, 4)).toEqual(['diff --git a/src/run.py b/src/run.py', '--- a/src/run.py', '+++ b/src/run.py', '@@ -0,0 +1,4 @@']);
    expect(lines.slice(4, 8).every((l) => l.startsWith('+'))).toBe(true);
    expect(lines[6]).toContain('Task.init()');
  });

  test('requirements are sorted, de-duplicated, and end with clearml unless pinned', () => {
    const base = { repository: 'https://github.com/acme/x.git', branch: 'main', entryPoint: 'a.py', addTaskInit: false };
    expect(requirementsText({ ...base, packages: ['b', 'a', 'b'] })).toBe('a\nb\nclearml');
    expect(requirementsText({ ...base, packages: ['clearml==1.14.4', 'clearml-agent'] })).toBe('clearml-agent\nclearml==1.14.4');
  });

  test('a pinned name==version replaces the bare name, as the seed\'s BaseTask does; lines are trimmed', () => {
    const base = { repository: 'https://github.com/acme/x.git', branch: 'main', entryPoint: 'a.py', addTaskInit: false };
    expect(requirementsText({ ...base, packages: ['vllm', 'hf_xet ', 'vllm==0.8.0', ' '] })).toBe('hf_xet\nvllm==0.8.0\nclearml');
  });
});
