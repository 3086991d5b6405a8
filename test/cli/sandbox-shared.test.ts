/**
 * Several `--sandbox` commands at once in one project directory share one embedded sandbox state
 * (`.cdk-style/`): two deploys and a diff started together all succeed, print the same ids, and
 * the data file ends with exactly one live task per identity; nothing written is lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadState } from '../../lib/sandbox/store';
import { makeProject, SEED_APP_JS } from './cli-fixture';
import { runCliChild } from './child-cli';

function printedIds(stdout: string): unknown {
  return (JSON.parse(stdout) as { result: { pipelines: unknown[] } }).result.pipelines;
}

test('two deploy --sandbox and a diff --sandbox at once in one project: one state, no lost write, the same ids', async () => {
  const project = makeProject(SEED_APP_JS, 'app.js');
  const [a, b, diff] = await Promise.all([
    runCliChild(project, ['deploy', '--sandbox', '--json']),
    runCliChild(project, ['deploy', '--sandbox', '--json']),
    runCliChild(project, ['diff', '--sandbox']),
  ]);
  expect([a.code, b.code, diff.code]).toEqual([0, 0, 0]);
  expect(printedIds(a.stdout)).toEqual(printedIds(b.stdout));
  const state = loadState(path.join(project, '.cdk-style', 'sandbox-data.json'));
  const live = Object.values(state?.tasks ?? {}).filter((t) => !(t.system_tags as string[]).includes('archived'));
  const identities = live.map((t) => (t.system_tags as string[]).find((tag) => tag.startsWith('cdk-style:id='))).sort();
  expect(identities).toEqual(['cdk-style:id=my_pipeline', 'cdk-style:id=my_pipeline/step1', 'cdk-style:id=my_pipeline/step2']);
  const [pipeline] = printedIds(a.stdout) as { controllerId: string; draftIds: Record<string, string> }[];
  expect(live.map((t) => t.id).sort()).toEqual([pipeline.controllerId, ...Object.values(pipeline.draftIds)].sort());
  expect(fs.readdirSync(path.join(project, 'cdk.out')).filter((f) => f.startsWith('.') || f.includes('.tmp-'))).toEqual([]);
  expect(fs.readdirSync(project).filter((f) => f.includes('.synth-'))).toEqual([]);
});
