import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli, SEED_APP_JS } from './cli-fixture';

describe('cdk-style diff, deploy, run and destroy with --sandbox', () => {
  const project = makeProject(SEED_APP_JS, 'app.js');

  test('the full lifecycle against the embedded sandbox persisted under .cdk-style/', async () => {
    const first = await runCli(project, ['deploy', '--sandbox']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\[\+\] created task step1_draft \(my_pipeline\/step1\) [0-9a-f]{32}/);
    expect(first.stdout).toContain('Deployed: 6 created.');
    expect(fs.existsSync(path.join(project, '.cdk-style', 'sandbox-data.json'))).toBe(true);

    const again = await runCli(project, ['deploy', '--sandbox']);
    expect(again.stdout).toContain('No changes: ClearML already matches the manifest (nothing was written).');

    const noDiff = await runCli(project, ['diff', '--sandbox', '--fail']);
    expect(noDiff.code).toBe(0);

    process.env.SUITE = 'leaderboard';
    try {
      const changed = await runCli(project, ['diff', '--sandbox', '--fail']);
      expect(changed.code).toBe(1);
      expect(changed.stdout).toContain('configuration.lm_eval');
    } finally {
      delete process.env.SUITE;
    }

    const run = await runCli(project, ['run', 'my_pipeline', '--sandbox']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Started a run of 'my_pipeline' on queue 'services' \(enqueued\)/);

    const destroyed = await runCli(project, ['destroy', '--sandbox', '--force']);
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout.match(/archived/g)?.length).toBe(3);
  });

  test('diff and deploy with --sandbox agree on queues: the embedded sandbox has the ones the app declares', async () => {
    const dir = makeProject(SEED_APP_JS, 'app.js');
    const diff = await runCli(dir, ['diff', '--sandbox']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).not.toMatch(/queue .* does not exist/i);
    expect(diff.stdout).toMatch(/0 missing queue|Number of changes: \d+ to create, 0 to update, 0 to replace, 0 to archive$/m);
    const deployed = await runCli(dir, ['deploy', '--sandbox']);
    expect(deployed.stdout).not.toMatch(/queue/i);
  });

  test('deploys a given cdk.out as it is, and refuses one edited after synth', async () => {
    const dir = makeProject(SEED_APP_JS, 'app.js');
    await runCli(dir, ['synth', '--quiet']);
    const dry = await runCli(dir, ['deploy', '--sandbox', '--app', 'cdk.out', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    fs.appendFileSync(path.join(dir, 'cdk.out', 'my_pipeline.json'), ' ');
    const edited = await runCli(dir, ['deploy', '--sandbox', '--app', 'cdk.out']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('content does not match the sha256');
  });

  test('without credentials and without --sandbox, deploy refuses with exit 3 and says how to configure ClearML', async () => {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env).filter((k) => k.startsWith('CLEARML_') || k.startsWith('TRAINS_'))) {
      delete process.env[key];
    }
    process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-home-'));
    try {
      const result = await runCli(project, ['deploy']);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/CLEARML_API_HOST/);
      expect(result.stderr).toMatch(/clearml\.conf/);
      expect(result.stderr).toMatch(/--sandbox/);
    } finally {
      process.env = saved;
    }
  });

  test('run checks --param against the declared parameters before touching the server', async () => {
    const result = await runCli(project, ['run', 'my_pipeline', '--sandbox', '--param', 'model_id=x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'model_id' is not a parameter of pipeline 'my_pipeline'");
  });
});

describe('the GitOps flow: diff --out plan.json --out review.md, then deploy --plan', () => {
  test('the reviewed plan is applied; applied again it is refused with exit 1 and nothing written', async () => {
    const project = makeProject(SEED_APP_JS, 'app.js');
    const synth = await runCli(project, ['synth', '--quiet']);
    expect(synth.code).toBe(0);
    const planned = await runCli(project, ['diff', '--sandbox', '--app', 'cdk.out', '--out', 'plan.json', '--out', 'review.md']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('[+] Step step1_draft (my_pipeline/step1)');
    expect(planned.stderr).toContain('Saved plan written to plan.json');
    expect(fs.readFileSync(path.join(project, 'review.md'), 'utf8')).toContain('```mermaid\nflowchart TD\n');
    const markdown = await runCli(project, ['diff', '--sandbox', '--app', 'cdk.out', '--format', 'markdown']);
    expect(markdown.stdout).toBe(fs.readFileSync(path.join(project, 'review.md'), 'utf8'));
    const saved = JSON.parse(fs.readFileSync(path.join(project, 'plan.json'), 'utf8'));
    expect(saved).toMatchObject({ kind: 'cdk-style/saved-plan', version: 1, plan: { version: 1, differences: true } });
    const applied = await runCli(project, ['deploy', '--sandbox', '--app', 'cdk.out', '--plan', 'plan.json']);
    expect([applied.code, applied.stderr]).toEqual([0, expect.any(String)]);
    expect(applied.stdout).toContain('Deployed: 6 created.');
    const again = await runCli(project, ['deploy', '--sandbox', '--app', 'cdk.out', '--plan', 'plan.json']);
    expect(again.code).toBe(1);
    // Listed by logical id: the controller (my_pipeline), then the steps, then the projects.
    expect(again.stderr).toMatch(/Error \[PlanOutdated\]: The saved plan plan.json no longer applies; nothing was written:\n {2}- task my_pipeline \(my_pipeline\) [0-9a-f]+ appeared since the plan was made \(another deploy\?\)\n {2}- task step1_draft \(my_pipeline\/step1\) [0-9a-f]+ appeared/);
    expect(again.stderr).toContain('  - project alexandre_debug was created since the plan was made\n');
    const combined = await runCli(project, ['deploy', '--sandbox', '--plan', 'plan.json', '--prune']);
    expect(combined.code).toBe(2);
  });
});
