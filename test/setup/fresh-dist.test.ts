/**
 * The build the child-process tests run is never stale: jest's global setup rebuilds dist/ when a
 * source changes, when a source is deleted (its output goes too) and when an output was touched,
 * and reuses it only when nothing changed. Checked on a small project of its own.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist, ROOT } from './fresh-dist';

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-fresh-dist-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], module: 'commonjs', strict: true, declaration: true, types: [], skipLibCheck: true, outDir: 'dist', rootDir: '.' } }));
  fs.writeFileSync(path.join(dir, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['lib', 'bin'] }));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'lib', 'answer.ts'), 'export const answer: number = 41;\n');
  fs.writeFileSync(path.join(dir, 'lib', 'extra.ts'), 'export const extra = 1;\n');
  fs.writeFileSync(path.join(dir, 'bin', 'main.ts'), "import { answer } from '../lib/answer';\nexport const printed = String(answer);\n");
  return dir;
}

test('dist/ is rebuilt after an edit, a deleted source or a touched output, and reused otherwise', async () => {
  const dir = project();
  const built = (file: string): string => fs.readFileSync(path.join(dir, 'dist', file), 'utf8');
  expect(await ensureFreshDist(dir)).toBe('built');
  expect(built('lib/answer.js')).toContain('41');
  expect(await ensureFreshDist(dir)).toBe('fresh');

  fs.writeFileSync(path.join(dir, 'lib', 'answer.ts'), 'export const answer: number = 42;\n');
  expect(await ensureFreshDist(dir)).toBe('built');
  expect(built('lib/answer.js')).toContain('42');

  fs.rmSync(path.join(dir, 'lib', 'extra.ts'));
  expect(await ensureFreshDist(dir)).toBe('built');
  expect(fs.existsSync(path.join(dir, 'dist', 'lib', 'extra.js'))).toBe(false);

  fs.writeFileSync(path.join(dir, 'dist', 'lib', 'answer.js'), 'exports.answer = 0;\n');
  expect(await ensureFreshDist(dir)).toBe('built');
  expect(built('lib/answer.js')).toContain('42');
  expect(await ensureFreshDist(dir)).toBe('fresh');
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('.dist-build'))).toEqual([]);
});

test('a build that fails says so with the compiler output and leaves no half-made dist/', async () => {
  const dir = project();
  fs.writeFileSync(path.join(dir, 'lib', 'answer.ts'), "export const answer: number = 'not a number';\n");
  await expect(ensureFreshDist(dir)).rejects.toThrow(/The build of dist\/ for the tests failed[\s\S]*TS2322/);
  expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('.dist-build-'))).toEqual([]);
});
