import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareWithDirectory, lineDiff } from '../../lib/manifest/compare';

describe('lineDiff', () => {
  test('shows only the changed lines with context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f'].join('\n');
    const after = ['a', 'b', 'c', 'D', 'e', 'f'].join('\n');
    expect(lineDiff(before, after)).toBe(['@@ line 2 @@', '  b', '  c', '- d', '+ D', '  e', '  f'].join('\n'));
  });
});

describe('compareWithDirectory', () => {
  test('reports missing, extra and changed files, and nothing when equal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-compare-'));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'old.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not an assembly file');
    const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') });
    const files = [file('manifest.json', '{"x":1}\n'), file('new.json', '{}\n')];
    const differences = compareWithDirectory(files, dir);
    expect(differences.map((d) => [d.name, d.kind])).toEqual([['manifest.json', 'changed'], ['new.json', 'missing'], ['old.json', 'extra']]);
    expect(compareWithDirectory([file('manifest.json', '{}\n'), file('old.json', '{}\n')], dir)).toEqual([]);
  });
});
