/**
 * The code `import` writes type-checks under `strict`, as a user's project compiles it (their
 * `npm test` runs `tsc --noEmit`): one program over the code imported from every fixture.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { importPipeline } from '../../lib/import/import';
import { Harness, startHarness } from '../deploy/harness';
import { DIST_LIB } from '../setup/dist';
import { loadFixture } from './load-fixture';
const FIXTURES: ReadonlyArray<[string, string]> = [
  ['seed-pipeline', 'my_pipeline'], ['pipeline-controller', 'train_pipeline'],
  ['recorded-seed-pipeline', 'my_pipeline'], ['recorded-sdk-pipeline-controller', 'train_pipeline'],
];

let harness: Harness;
afterEach(async () => harness.close());

async function importedFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const [fixture, name] of FIXTURES) {
    harness = await startHarness();
    await loadFixture(harness.client(), fixture);
    // Against the compiled library's declarations, as a user's project compiles against the package's.
    const { code } = await importPipeline(harness.client(), { name, moduleName: DIST_LIB });
    const file = path.join(dir, `${fixture}.ts`);
    fs.writeFileSync(file, code);
    files.push(file);
    await harness.close();
  }
  harness = await startHarness();
  return files;
}

test('the TypeScript import writes for each fixture compiles with strict settings', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-import-types-'));
  const files = await importedFiles(dir);
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true, skipLibCheck: true, types: ['node'],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
}, 120_000);
