/**
 * `npm run bench:report`: requests and wall time of a recovery report over a run of 50 lm-eval
 * steps (9 compressions and the baseline, 5 suites each), at 0 and 20 ms of added latency per
 * request, into bench/results.md. Goal: at most 3 requests, whatever the number of steps.
 */
import { ClearmlClient } from '../lib/clearml/client';
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { buildManifests } from '../lib/core/synthesizer';
import { PipelineManifest } from '../lib/manifest/schema';
import { formatTable } from '../lib/report/format';
import { reportRun } from '../lib/report/report';
import { startSandbox } from '../lib/sandbox/start';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { Recipe } from '../lib/steps/recipe';
import { handRun, MetricFixture, StepScript } from '../test/report/hand-run';
import { machineLine, writeSection } from './results-file';

const VARIANTS = 9;
const SUITES = 5;

/** 9 compressions + the baseline, each evaluated with 5 suites: 50 evaluation steps. */
function pipeline(): PipelineManifest {
  const app = new App({ outdir: 'unused' });
  const p = new Pipeline(app, 'bench_report', { project: 'bench_project', defaultQueue: 'gpu-a100x1' });
  const suites = Array.from({ length: SUITES }, (_, s) => EvalSuite.tasks(`task_${s}a`, `task_${s}b`));
  suites.forEach((suite, s) => new EvalStep(p, `baseline_s${s}`, { model: 'org/model-8b', suite }));
  for (let v = 0; v < VARIANTS; v++) {
    const compress = new CompressStep(p, `v${v}`, { model: 'org/model-8b', recipe: Recipe.preset('quantization_w4a16') });
    suites.forEach((suite, s) => new EvalStep(p, `v${v}_s${s}`, { model: compress.outputModel, suite }));
  }
  return buildManifests(app)[0];
}

function scripts(manifest: PipelineManifest): Record<string, StepScript> {
  const fixture = (scale: number, s: number): MetricFixture => ({
    [`task_${s}a`]: { 'acc,none': 0.5 * scale, 'acc_norm,none': 0.6 * scale, 'acc_stderr,none': 0.01 },
    [`task_${s}b`]: { 'exact_match,strict-match': 0.4 * scale, 'exact_match,flexible-extract': 0.45 * scale },
  });
  const out: Record<string, StepScript> = {};
  for (const node of Object.keys(manifest.steps).filter((n) => n.includes('_s'))) {
    const s = Number(node.slice(node.lastIndexOf('_s') + 2));
    out[node] = { metrics: fixture(node.startsWith('baseline') ? 1 : 0.97 + s / 1000, s) };
  }
  return out;
}

async function main(): Promise<void> {
  const manifest = pipeline();
  const evalSteps = Object.values(manifest.steps).filter((s) => s.kind === 'EvalStep').length;
  const sandbox = await startSandbox({ queues: ['gpu-a100x1', 'services'] });
  const setup = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  await handRun(setup, sandbox, manifest, scripts(manifest));
  await setup.close();
  const rows: string[] = [];
  for (const latencyMs of [0, 20]) {
    sandbox.setFaults(latencyMs > 0 ? { latencyMs } : undefined);
    const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
    sandbox.resetCounts();
    const started = process.hrtime.bigint();
    const report = await reportRun(client, manifest);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const counts = sandbox.requestCounts();
    formatTable(report);
    rows.push(`| ${evalSteps} evaluation steps, ${report.rows.length} rows x ${report.columns.length} compressed models | ${latencyMs} ms | ${counts.total} (${Object.entries(counts).filter(([k]) => k !== 'total').map(([k, n]) => `${k} ${n}`).join(', ')}) | ${ms.toFixed(0)} ms |`);
    await client.close();
  }
  await sandbox.close();
  writeSection('report', [
    '## Report (`npm run bench:report`)', '', machineLine(), '',
    'A recovery report over a run of 50 evaluation steps (9 compressions and the baseline, 5 suites each), from a fresh client (the login included). Goal: at most 3 requests.', '',
    '| run | added latency | requests | wall time |', '|---|---:|---:|---:|', ...rows,
  ].join('\n'));
  process.stdout.write(`${rows.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
