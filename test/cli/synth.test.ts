import * as fs from 'node:fs';
import * as path from 'node:path';
import { BROKEN_APP, makeProject, runCli, SEED_APP } from './cli-fixture';

describe('cdk-style synth, ls and graph', () => {
  const project = makeProject(SEED_APP);

  test('synth runs the app of cdk-style.json, writes cdk.out and lists pipelines and steps', async () => {
    const result = await runCli(project, ['synth']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("my_pipeline: 'my_pipeline' in project 'alexandre_debug' v1.0.0, 2 step(s), controller on 'services'");
    expect(result.stdout).toContain("step2  EvalStep  queue 'oneshot-a100x1'  draft 'step2_draft' after step1");
    expect(fs.readdirSync(path.join(project, 'cdk.out')).sort()).toEqual(['manifest.json', 'my_pipeline.json', 'my_pipeline.mmd']);
  });

  test('two synth processes write byte-identical files', async () => {
    await runCli(project, ['synth', '--output', 'first', '--quiet']);
    await runCli(project, ['synth', '--output', 'second', '--quiet']);
    for (const file of ['manifest.json', 'my_pipeline.json', 'my_pipeline.mmd']) {
      expect(fs.readFileSync(path.join(project, 'second', file))).toEqual(fs.readFileSync(path.join(project, 'first', file)));
    }
  });

  test('synth --check passes on an up-to-date assembly and exits 1 with a diff when the code changed', async () => {
    await runCli(project, ['synth', '--output', 'committed', '--quiet']);
    const same = await runCli(project, ['synth', '--check', 'committed']);
    expect(same).toMatchObject({ code: 0, stdout: 'The assembly in committed matches the code.\n' });
    process.env.SUITE = 'leaderboard';
    try {
      const changed = await runCli(project, ['synth', '--check', 'committed']);
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(/The assembly in committed is out of date \(2 file\(s\) differ\):\n {2}manifest\.json: changed/);
      expect(changed.stdout).toMatch(/- .*\\"tasks\\": \\"openllm\\"/);
      expect(changed.stdout).toMatch(/\+ .*\\"tasks\\": \\"leaderboard\\"/);
    } finally {
      delete process.env.SUITE;
    }
  });

  test('ls and graph read the same assembly', async () => {
    expect((await runCli(project, ['ls'])).stdout).toBe('my_pipeline\n');
    const graph = await runCli(project, ['graph', 'my_pipeline']);
    expect(graph.stdout).toContain('n_step1 --> n_step2');
  });

  test('validation errors of the app are printed all at once, exit 1, and nothing is written', async () => {
    const broken = makeProject(BROKEN_APP);
    const result = await runCli(broken, ['synth']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Validation failed with \d+ error\(s\)/);
    expect(result.stderr).toContain('[broken/pipeline]');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(broken, 'cdk.out', 'manifest.json'))).toBe(false);
  });

  test('usage errors exit 2 with help', async () => {
    const unknown = await runCli(project, ['synthesize']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commands:');
    const none = await runCli(project, []);
    expect(none.code).toBe(2);
    const badPipeline = await runCli(project, ['graph', 'nope']);
    expect(badPipeline).toMatchObject({ code: 2 });
    expect(badPipeline.stderr).toContain('Unknown pipeline(s): nope. The app declares: my_pipeline.');
  });

  test('no app configured is a usage error that says how to fix it', async () => {
    const empty = makeProject('');
    fs.rmSync(path.join(empty, 'cdk-style.json'));
    const result = await runCli(empty, ['synth']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No app to synthesize: pass --app/);
  });
});
