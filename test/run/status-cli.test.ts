import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAssembly } from '../../lib/manifest/write';
import { executeRun } from '../../lib/run/engine';
import { sandboxEnvironment } from '../../lib/sandbox/start';
import { runCli } from '../cli/cli-fixture';
import { seedManifest } from '../deploy/seed';
import { FAST_POLL, RunFixture, startRunFixture } from './run-fixture';

describe('cdk-style status and run --local against a configured server (the sandbox)', () => {
  let fx: RunFixture;
  let dir: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    fx = await startRunFixture({ bySteps: { step3: { failWith: 'lm-eval: task leaderboard not found' } } });
    Object.assign(process.env, sandboxEnvironment(fx.sandbox));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-status-'));
    writeAssembly(path.join(dir, 'cdk.out'), [seedManifest()]);
    await fx.deploy(seedManifest());
  });

  afterEach(async () => {
    process.env = { ...saved };
    await fx.close();
  });

  test('status lists the runs, and --run shows each step with its state, queue, task and failure reason', async () => {
    const controller = await fx.deploy(seedManifest());
    const runId = await fx.newRun(controller);
    expect((await executeRun(fx.client, runId, { poll: FAST_POLL, stopStepsOnAbort: false })).status).toBe('failed');
    const list = await runCli(dir, ['status', 'my_pipeline', '--app', 'cdk.out']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`my_pipeline #2 +failed .*${runId}`));
    const one = await runCli(dir, ['status', '--run', runId, '--app', 'cdk.out']);
    expect(one.stdout).toContain(`Run 'my_pipeline #2' (${runId}): failed`);
    expect(one.stdout).toMatch(/✔ step1 +completed +oneshot-a100x1 +\d/);
    expect(one.stdout).toMatch(/✘ step3 +failed +oneshot-a100x1/);
    expect(one.stdout).toContain('lm-eval: task leaderboard not found');
    expect(one.stdout).toMatch(/Last log lines of step3:\n  \| \[simulated\] simulated-worker:oneshot-a100x1:\d running 'step3'/);
    expect(one.stdout).toContain('  | [simulated] Traceback (most recent call last): lm-eval: task leaderboard not found');
    const json = JSON.parse((await runCli(dir, ['status', '--run', runId, '--json'])).stdout) as { status: string; nodes: Array<{ name: string; status: string; taskId?: string }> };
    expect(json.status).toBe('failed');
    expect(json.nodes.map((n) => n.status)).toEqual(['completed', 'completed', 'failed']);
  });

  test('run --local drives the run here and exits 1 when a step failed; --param is checked first', async () => {
    const run = await runCli(dir, ['run', 'my_pipeline', '--local', '--app', 'cdk.out', '--poll-interval', '20']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/step3: (queued|running) -> failed .*\(lm-eval: task leaderboard not found\)/);
    expect(run.stdout).toMatch(/Run 'my_pipeline #\d+' failed: Pipeline step failed: step 'step3' failed \(lm-eval: task leaderboard not found\)/);
    const bad = await runCli(dir, ['run', 'my_pipeline', '--local', '--app', 'cdk.out', '--param', 'nope=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'nope' is not a parameter of pipeline 'my_pipeline'");
    const remote = await runCli(dir, ['run', 'my_pipeline', '--wait', '--app', 'cdk.out']);
    expect(remote.code).toBe(1);
    expect(remote.stdout).toContain("Started a run of 'my_pipeline' on queue 'services' (enqueued)");
    expect(remote.stdout).toMatch(/Run 'my_pipeline #\d+' failed: Pipeline step failed: step 'step3' failed/);
    const resume = await runCli(dir, ['run', '--resume', 'abc']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('add --local');
  });
});
