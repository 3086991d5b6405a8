/**
 * End to end over real HTTP: a run of the evaluation matrix in the sandbox (driven by hand over
 * the API, see hand-run.ts), then its recovery report.
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { formatCsv, formatJson, formatMarkdown, formatTable } from '../../lib/report/format';
import { gateFailures } from '../../lib/report/gate';
import { RecoveryReport, ReportRow } from '../../lib/report/model';
import { reportRun } from '../../lib/report/report';
import { selectRows } from '../../lib/report/select';
import { RunningSandbox, startSandbox } from '../../lib/sandbox/start';
import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { handRun } from './hand-run';
import { BASELINE_OPENLLM, MATRIX_QUEUES, matrixManifest, matrixScripts } from './fixtures';

let sandbox: RunningSandbox;
let client: ClearmlClient;
let runId: string;
const pipeline = matrixManifest();

beforeAll(async () => {
  sandbox = await startSandbox({ queues: MATRIX_QUEUES });
  client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  runId = await handRun(client, sandbox, pipeline, matrixScripts());
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

const find = (report: RecoveryReport, suite: string, task: string, metric: string): ReportRow => {
  const row = report.rows.find((r) => r.suite === suite && r.task === task && r.metric === metric);
  if (row === undefined) {
    throw new Error(`no row ${suite} ${task} ${metric}`);
  }
  return row;
};

describe('the recovery report of a matrix run', () => {
  let report: RecoveryReport;
  beforeAll(async () => {
    report = await reportRun(client, pipeline);
  });

  test('reports the latest completed run against its baseline, one column per compressed model', () => {
    expect(report.run.id).toBe(runId);
    expect(report.baseline).toEqual({ label: 'baseline', source: 'step' });
    expect(report.columns).toEqual(['w4a16', 'w8a8']);
    expect(report.rows.map((r) => `${r.suite} ${r.task} ${r.metric}`)).toEqual([
      'gsm8k gsm8k exact_match,flexible-extract', 'gsm8k gsm8k exact_match,strict-match',
      'openllm openllm average', 'openllm arc_challenge acc,none', 'openllm gsm8k exact_match,strict-match', 'openllm hellaswag acc_norm,none',
      'openllm mmlu acc,none', 'openllm truthfulqa_mc2 acc,none', 'openllm winogrande acc,none',
    ]);
  });

  test('recovery per task:metric and for the suite average (computed from the groups), to 2 decimals', () => {
    const recovery = (suite: string, task: string, metric: string, column = 'w4a16') => find(report, suite, task, metric).compared[column].recovery.value;
    expect(recovery('openllm', 'arc_challenge', 'acc,none')).toBeCloseTo(98.76, 2);
    expect(recovery('openllm', 'hellaswag', 'acc_norm,none')).toBeCloseTo(98.33, 2);
    expect(recovery('openllm', 'truthfulqa_mc2', 'acc,none')).toBeCloseTo(96.06, 2);
    expect(recovery('openllm', 'winogrande', 'acc,none')).toBeCloseTo(100, 2);
    const average = find(report, 'openllm', 'openllm', 'average');
    expect(average.kind).toBe('average');
    expect(average.baseline.value).toBeCloseTo(0.5, 10);
    expect(average.compared.w4a16.score.value).toBeCloseTo(0.49, 10);
    expect(average.compared.w4a16.recovery.value).toBeCloseTo(98.0, 2);
    expect(recovery('gsm8k', 'gsm8k', 'exact_match,flexible-extract')).toBeCloseTo(90.0, 2);
    expect(recovery('gsm8k', 'gsm8k', 'exact_match,flexible-extract', 'w8a8')).toBeCloseTo(100.0, 2);
  });

  test('missing values and a zero baseline are n/a with a reason, never 0 or 100', () => {
    const strict = find(report, 'gsm8k', 'gsm8k', 'exact_match,strict-match');
    expect(strict.baseline.value).toBe(0);
    expect(strict.compared.w4a16.recovery).toEqual({ value: null, note: 'baseline is 0' });
    expect(strict.compared.w8a8.score).toEqual({ value: null, note: 'not reported' });
    expect(strict.compared.w8a8.recovery.value).toBeNull();
    expect(find(report, 'openllm', 'arc_challenge', 'acc,none').compared.w8a8.recovery).toEqual({ value: null, note: 'step failed' });
    expect(report.rows.some((r) => r.metric.includes('stderr'))).toBe(false);
  });

  test('a failed evaluation step is named with its reason', () => {
    // The log tail appears where the server keeps task logs (the sandbox does once runs are simulated).
    expect(report.notes).toEqual([expect.stringMatching(/^Step mtx_w8a8_evaluation \(task [0-9a-f]{32}\) failed: Script failed: CUDA out of memory while loading the model\.( Last log lines: Traceback \(most recent call last\): RuntimeError: CUDA out of memory while loading the model)?$/)]);
    expect(formatTable(report)).toContain('! Step mtx_w8a8_evaluation');
    expect(formatMarkdown(report)).toContain('- Step mtx_w8a8_evaluation');
  });

  test('markdown is a table ready to paste', () => {
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('| suite | task | metric | baseline | w4a16 | w4a16 recovery | w8a8 | w8a8 recovery |');
    expect(markdown).toContain('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
    expect(markdown).toContain('| openllm | openllm | average | 0.5000 | 0.4900 | 98.00% | n/a | n/a |');
    expect(markdown).toContain('| openllm | arc_challenge | acc,none | 0.5000 | 0.4938 | 98.76% | n/a | n/a |');
    expect(markdown).toContain('| gsm8k | gsm8k | exact_match,strict-match | 0.0000 | 0.1000 | n/a | n/a | n/a |');
  });

  test('JSON carries exact numbers and null with a note; CSV has n/a; both are deterministic', async () => {
    const json = JSON.parse(formatJson(report));
    expect(json.rows[2].compared.w4a16.recovery.value).toBeCloseTo(98, 2);
    expect(json.rows[1].compared.w4a16.recovery).toEqual({ value: null, note: 'baseline is 0' });
    const again = await reportRun(client, pipeline, { runId });
    expect(formatJson(again)).toBe(formatJson(report));
    const csv = formatCsv(report).split('\r\n');
    expect(csv[0]).toBe('suite,task,metric,baseline,w4a16,w4a16 recovery,w8a8,w8a8 recovery');
    expect(csv[2]).toBe('gsm8k,gsm8k,"exact_match,strict-match",0,0.1,n/a,n/a,n/a');
  });

  test('the gate lists every row below the threshold, and the ones it cannot measure', () => {
    const failures = gateFailures(report, 99);
    const w4a16 = failures.filter((f) => f.column === 'w4a16').map((f) => `${f.row} ${f.recovery === null ? 'n/a' : f.recovery.toFixed(2)}`);
    expect(w4a16).toEqual([
      'gsm8k gsm8k exact_match,flexible-extract 90.00', 'gsm8k gsm8k exact_match,strict-match n/a', 'openllm openllm average 98.00',
      'openllm arc_challenge acc,none 98.76', 'openllm gsm8k exact_match,strict-match 95.00', 'openllm hellaswag acc_norm,none 98.33',
      'openllm mmlu acc,none 98.18', 'openllm truthfulqa_mc2 acc,none 96.06',
    ]);
    expect(gateFailures(report, 0).filter((f) => f.column === 'w4a16')).toHaveLength(1);
  });

  test('--rows groups keeps the averages and their members, --rows averages only the averages', () => {
    const rows = (r: RecoveryReport) => r.rows.map((row) => `${row.task} ${row.metric}`);
    expect(rows(selectRows(report, 'groups'))).toEqual([
      'openllm average', 'arc_challenge acc,none', 'gsm8k exact_match,strict-match', 'hellaswag acc_norm,none', 'mmlu acc,none', 'truthfulqa_mc2 acc,none', 'winogrande acc,none',
    ]);
    expect(rows(selectRows(report, 'averages'))).toEqual(['openllm average']);
    expect(selectRows(report, 'all')).toBe(report);
    expect(find(report, 'gsm8k', 'gsm8k', 'exact_match,strict-match').averaged).toBe(false);
  });

  test('costs three requests (login, run, steps) whatever the number of steps, plus one log read per failed step', async () => {
    const fresh = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
    sandbox.resetCounts();
    await reportRun(fresh, pipeline);
    expect(sandbox.requestCounts()).toMatchObject({ total: 4, 'auth.login': 1, 'tasks.get_all': 2, 'events.get_task_log': 1 });
    await fresh.close();
  });
});

describe('choosing the baseline', () => {
  test('--baseline STEP compares with another column of the same run', async () => {
    const report = await reportRun(client, pipeline, { runId, baseline: 'w4a16' });
    expect(report.baseline).toEqual({ label: 'w4a16', source: 'step' });
    expect(report.columns).toEqual(['baseline', 'w8a8']);
    expect(find(report, 'gsm8k', 'gsm8k', 'exact_match,flexible-extract').compared.w8a8.recovery.value).toBeCloseTo(111.11, 2);
    const byEvalStep = await reportRun(client, pipeline, { runId, baseline: 'mtx_w4a16_gsm8k' });
    expect(byEvalStep.baseline.label).toBe('w4a16');
    expect((await reportRun(client, pipeline, { runId, baseline: 'mtx_w4a16' })).baseline.label).toBe('w4a16');
  });

  test('--baseline RUN_ID takes the baseline evaluations of another run', async () => {
    const app = new App({ outdir: 'unused' });
    const base = new Pipeline(app, 'base_eval', { project: 'team_project', defaultQueue: 'gpu-a100x2' });
    new EvalStep(base, 'openllm', { model: 'org/model-8b', suite: EvalSuite.preset('openllm') });
    const [basePipeline] = buildManifests(app);
    const baseRun = await handRun(client, sandbox, basePipeline, { openllm: { metrics: { ...BASELINE_OPENLLM, arc_challenge: { 'acc,none': 0.52 } } } });
    const noBaseline = matrixManifest('nob', false);
    const run = await handRun(client, sandbox, noBaseline, matrixScripts('nob'));
    sandbox.resetCounts();
    const report = await reportRun(client, noBaseline, { runId: run, baseline: baseRun });
    // The other run's steps are not known in advance: the end is proven by an empty page.
    expect(sandbox.requestCounts()).toMatchObject({ total: 4, 'tasks.get_all': 3, 'events.get_task_log': 1 });
    expect(report.baseline).toEqual({ label: `baseline (run ${baseRun.slice(0, 8)})`, source: 'run', runId: baseRun });
    expect(find(report, 'openllm', 'arc_challenge', 'acc,none').compared.w4a16.recovery.value).toBeCloseTo(94.96, 2);
    expect(find(report, 'gsm8k', 'gsm8k', 'exact_match,flexible-extract').compared.w4a16.recovery.note).toBe(`no baseline value (baseline (run ${baseRun.slice(0, 8)}) has no evaluation of this suite)`);
  });

  test('without a baseline the report says so and every recovery is n/a', async () => {
    const noBaseline = matrixManifest('nob', false);
    const report = await reportRun(client, noBaseline);
    expect(report.baseline.source).toBe('none');
    expect(report.notes).toContain('No baseline: the pipeline evaluates no uncompressed model; add a baseline to the matrix, or pass --baseline RUN_ID|STEP.');
    expect(report.rows.every((r) => Object.values(r.compared).every((c) => c.recovery.value === null))).toBe(true);
  });

  test('an unknown step or run is a clear error', async () => {
    await expect(reportRun(client, pipeline, { baseline: 'nope' })).rejects.toThrow("--baseline nope: no such step among the evaluated models of 'mtx'; use one of: baseline, w4a16, w8a8 (or a run id).");
    await expect(reportRun(client, pipeline, { runId: 'f'.repeat(32) })).rejects.toThrow(`Run ${'f'.repeat(32)} does not exist on this server`);
    await expect(reportRun(client, matrixManifest('never'))).rejects.toThrow("No completed run of pipeline 'never': it has never run on this server; start one with 'cdk-style run never'.");
  });
});
