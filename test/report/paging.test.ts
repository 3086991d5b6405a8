/**
 * A server whose pages are capped below the number of steps (`max_page_size` 4 here): the report
 * still reads every step, and stops as soon as every evaluation step of the run is found.
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { reportRun } from '../../lib/report/report';
import { startSandbox } from '../../lib/sandbox/start';
import { handRun } from './hand-run';
import { MATRIX_QUEUES, matrixManifest, matrixScripts } from './fixtures';

test('steps beyond the server page cap are read; the read stops once every step is found', async () => {
  const sandbox = await startSandbox({ queues: MATRIX_QUEUES, maxPageSize: 4 });
  const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  try {
    const pipeline = matrixManifest('capped');
    await handRun(client, sandbox, pipeline, matrixScripts('capped'));
    sandbox.resetCounts();
    const report = await reportRun(client, pipeline);
    expect(report.notes).toHaveLength(1);
    expect(report.rows.find((r) => r.task === 'arc_challenge')?.compared.w4a16.recovery.value).toBeCloseTo(98.76, 2);
    expect(report.rows.find((r) => r.metric === 'exact_match,flexible-extract')?.compared.w8a8.recovery.value).toBeCloseTo(100, 2);
    // 8 step tasks (2 compressions, 6 evaluations) in pages of 4: the run read, then 2 pages, then the failed step's log.
    expect(sandbox.requestCounts()).toMatchObject({ 'tasks.get_all': 3, 'events.get_task_log': 1 });
  } finally {
    await client.close();
    await sandbox.close();
  }
});
