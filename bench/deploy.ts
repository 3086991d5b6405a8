/**
 * `npm run bench:deploy`: requests and wall time of deploys against the sandbox on loopback,
 * with 0 and 20 ms of added latency per request, written to bench/results.md.
 */
import { ClearmlClient } from '../lib/clearml/client';
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { buildManifests } from '../lib/core/synthesizer';
import { deploy } from '../lib/deploy/deploy';
import { PipelineManifest } from '../lib/manifest/schema';
import { startSandbox } from '../lib/sandbox/start';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { Recipe } from '../lib/steps/recipe';
import { buildSeedApp } from '../examples/seed-pipeline';
import { machineLine, writeSection } from './results-file';

interface Row {
  readonly scenario: string;
  readonly latencyMs: number;
  readonly requests: number;
  readonly writes: number;
  readonly ms: number;
}

const READS = /^(auth\.login|server\.info|[a-z_]+\.get_[a-z_]+)$/;

function seed(): PipelineManifest[] {
  return buildManifests(buildSeedApp(new App({ outdir: 'unused' })));
}

function fleet(pipelines: number, steps: number): PipelineManifest[] {
  const app = new App({ outdir: 'unused' });
  for (let p = 0; p < pipelines; p++) {
    const pipeline = new Pipeline(app, `fleet_${p}`, { project: `bench/team_${p % 5}`, defaultQueue: 'gpu-queue' });
    const quantize = new CompressStep(pipeline, 'quantize', { model: `org/model-${p}`, recipe: Recipe.preset('quantization_w4a16') });
    for (let s = 1; s < steps; s++) {
      new EvalStep(pipeline, `eval_${s}`, { model: quantize.outputModel, suite: EvalSuite.preset('openllm'), numFewshot: s });
    }
  }
  return buildManifests(app);
}

function changeOneField(manifests: PipelineManifest[]): PipelineManifest[] {
  const [first, ...rest] = manifests;
  const step = first.steps.step2;
  const task = { ...step.task, container: { ...step.task.container, image: `${step.task.container.image}-v2` } };
  return [{ ...first, steps: { ...first.steps, step2: { ...step, task } } }, ...rest];
}

async function measure(scenario: string, latencyMs: number, run: (client: ClearmlClient) => Promise<unknown>, sandbox: Awaited<ReturnType<typeof startSandbox>>): Promise<Row> {
  const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  sandbox.resetCounts();
  const start = process.hrtime.bigint();
  await run(client);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await client.close();
  const counts = sandbox.requestCounts();
  const writes = Object.entries(counts).filter(([k]) => k !== 'total' && !READS.test(k)).reduce((sum, [, n]) => sum + n, 0);
  return { scenario, latencyMs, requests: counts.total ?? 0, writes, ms };
}

async function scenarios(latencyMs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const sandbox = await startSandbox({ queues: ['oneshot-a100x1', 'gpu-queue', 'services'], faults: { latencyMs } });
  try {
    const seedApp = seed();
    rows.push(await measure('seed pipeline, first deploy', latencyMs, (c) => deploy(c, seedApp), sandbox));
    rows.push(await measure('seed pipeline, no-op redeploy', latencyMs, (c) => deploy(c, seedApp), sandbox));
    rows.push(await measure('seed pipeline, one field changed', latencyMs, (c) => deploy(c, changeOneField(seedApp)), sandbox));
    const big = fleet(50, 20);
    rows.push(await measure('50 pipelines x 20 steps (1,000 drafts), first deploy', latencyMs, (c) => deploy(c, big), sandbox));
    rows.push(await measure('50 pipelines x 20 steps, no-op redeploy', latencyMs, (c) => deploy(c, big), sandbox));
  } finally {
    await sandbox.close();
  }
  return rows;
}

/** The 1,000-draft first deploy with another number of task writes in flight than the default. */
async function wider(latencyMs: number, concurrency: number): Promise<Row> {
  const sandbox = await startSandbox({ queues: ['gpu-queue', 'services'], faults: { latencyMs } });
  try {
    const big = fleet(50, 20);
    return await measure(`50 pipelines x 20 steps, first deploy, --concurrency ${concurrency}`, latencyMs, (c) => deploy(c, big, { concurrency }), sandbox);
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const rows = [...(await scenarios(0)), ...(await scenarios(20)), await wider(20, 8), await wider(20, 32)];
  const lines = rows.map((r) => `| ${r.scenario} | ${r.latencyMs} | ${r.requests} | ${r.writes} | ${r.ms.toFixed(0)} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
  writeSection('deploy', [
    '## Deploy (`npm run bench:deploy`)',
    '',
    machineLine(),
    '',
    'Against the embedded sandbox on loopback (client and sandbox share one process), one fresh client (one login) per deploy, default concurrency (16) unless stated. A deploy that writes also takes, and releases, one deploy lock per pipeline. Latency is added by the sandbox to every request. Requests are counted by the sandbox; writes are everything but logins and reads.',
    '',
    '| scenario | added latency ms | requests | writes | wall ms |',
    '|---|---:|---:|---:|---:|',
    ...lines,
    '',
    'Goals: seed first deploy at most 14 requests (the ClearML Python SDK needs about 90); a no-op at most 5 requests for any app under 500 objects (login, then projects and tasks, each read until the server returns an empty page); 1,000 steps deployed for the first time in under 3 s at 20 ms latency with the default settings.',
  ].join('\n'));
}

void main();
