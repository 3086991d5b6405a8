import { diffLines, formatHunks } from '../../lib/manifest/line-diff';

describe('diffLines', () => {
  test('finds inserted and removed lines in the middle, not a whole replaced block', () => {
    const before = ['a', 'b', 'c', 'd', 'e'].join('\n');
    const after = ['a', 'b', 'x', 'c', 'e'].join('\n');
    expect(diffLines(before, after).map((l) => `${l.op}${l.text}`)).toEqual([' a', ' b', '+x', ' c', '-d', ' e']);
  });

  test('formats separate hunks with context and line numbers', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 3', 'LINE 3').replace('line 17', 'LINE 17');
    expect(formatHunks(diffLines(before, after), 1)).toEqual([
      '@@ line 2 @@', '  line 2', '- line 3', '+ LINE 3', '  line 4',
      '@@ line 16 @@', '  line 16', '- line 17', '+ LINE 17', '  line 18',
    ]);
  });
});
