/**
 * Deploy trusts only what the server confirms: every page of a read (whatever the server's page
 * cap), per-task failures of `tasks.archive_many`, and `updated: 0` from `tasks.edit`.
 */
import { DeployClient } from '../../lib/deploy/client';
import { apply } from '../../lib/deploy/apply';
import { editTask } from '../../lib/deploy/apply-tasks';
import { deploy } from '../../lib/deploy/deploy';
import { observe } from '../../lib/deploy/observe';
import { plan } from '../../lib/deploy/plan';
import { withoutStep, withStepTask } from './fixtures';
import { Harness, startHarness } from './harness';
import { liveByIdentity, managedTasks, SEED_IDENTITIES, seedManifest } from './seed';

let harness: Harness;

afterEach(async () => {
  await harness.close();
});

test('a server that returns at most 2 rows per page: every task is found, redeploys create no duplicate', async () => {
  harness = await startHarness({ maxPageSize: 2 });
  const manifest = seedManifest();
  await deploy(harness.client(), [manifest]);
  const again = await deploy(harness.client(), [manifest]);
  expect(again.noChanges).toBe(true);
  const changed = withStepTask(manifest, 'step3', (task) => ({ ...task, comment: 'changed' }));
  const third = await deploy(harness.client(), [changed]);
  expect(third.applied?.events.map((e) => [e.outcome, e.logicalId])).toEqual([['updated', 'my_pipeline/step3']]);
  expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
});

test('a task the server refuses to archive is reported with its reason, and the deploy fails', async () => {
  harness = await startHarness();
  const manifest = seedManifest();
  const first = await deploy(harness.client(), [manifest]);
  const smaller = withoutStep(manifest, 'step3');
  const planned = plan([smaller], await observe(harness.client(), [smaller]));
  const step3 = first.pipelines[0].draftIds?.step3 as string;
  await harness.client().call('tasks.delete', { task: step3, force: true });
  const archived: string[] = [];
  const failure = await apply(harness.client(), planned, { prune: true, onEvent: (e) => e.outcome === 'archived' && archived.push(e.id) })
    .then(() => undefined, (error: unknown) => error as Error & { code: string });
  expect(failure?.code).toBe('ArchiveFailed');
  expect(failure?.message).toContain(`step3_draft (${step3}): Invalid task id`);
  expect(failure?.message).toContain('(400/101)');
  expect(archived).toEqual([]);
});

test("a tasks.edit answered with 'updated: 0' is not an update", async () => {
  harness = await startHarness();
  const manifest = seedManifest();
  await deploy(harness.client(), [manifest]);
  const live = (await observe(harness.client(), [manifest])).tasks.find((t) => t.name === 'step2_draft');
  const client = harness.client();
  // The request still reaches the sandbox over HTTP; only the edited fields are left out, as a
  // server that ignores them would, so the sandbox itself answers `updated: 0`.
  const dropsFields: DeployClient = {
    call: (endpoint, body, options) => client.call(endpoint, endpoint === 'tasks.edit' ? { task: body?.task } : body, options),
    getAll: (endpoint, body, key) => client.getAll(endpoint, body, key),
  };
  const spec = withStepTask(manifest, 'step2', (task) => ({ ...task, comment: 'new comment' })).steps.step2.task;
  await expect(editTask(dropsFields, spec, live as NonNullable<typeof live>, live?.project as string))
    .rejects.toMatchObject({ code: 'EditNotApplied', message: expect.stringContaining("answered tasks.edit of task 'step2_draft'") });
  expect((await managedTasks(harness.client())).length).toBe(4);
});
