import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProjectConfig, parseProjectConfig } from '../../lib/assembly/project-config';

describe('cdk-style.json', () => {
  test('fills in the defaults', () => {
    expect(parseProjectConfig({ app: 'tsx app.ts' }, 'cdk-style.json')).toEqual({ app: 'tsx app.ts', output: 'cdk.out', context: {} });
  });

  test('a missing file gives the defaults without an app', () => {
    expect(loadProjectConfig(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-config-')))).toEqual({ output: 'cdk.out', context: {} });
  });

  test('fails on unknown keys and wrong types, naming the file', () => {
    expect(() => parseProjectConfig({ app: 'x', outdir: 'y' }, '/p/cdk-style.json')).toThrow(/\/p\/cdk-style\.json: unknown key\(s\) "outdir"/);
    expect(() => parseProjectConfig({ app: 3 }, 'f')).toThrow(/"app" must be a non-empty string/);
    expect(() => parseProjectConfig([], 'f')).toThrow(/must hold a JSON object/);
  });

  test('fails on invalid JSON with the parser message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-config-'));
    fs.writeFileSync(path.join(dir, 'cdk-style.json'), '{ "app": ');
    expect(() => loadProjectConfig(dir)).toThrow(/cdk-style\.json: is not valid JSON/);
  });
});
