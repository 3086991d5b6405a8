import { createHash } from 'node:crypto';
import { RunningSandbox } from '../../lib/sandbox/start';
import { basic, Caller, rawCall, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({}, true));
});
afterAll(() => sandbox.close());

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** Sends events the way the SDK does: json-lines in one `events.add_batch`. */
async function addBatch(events: Record<string, unknown>[]): Promise<any> {
  const token = (await rawCall(sandbox.url, 'auth.login', {}, { authorization: basic(sandbox) })).json.data.token;
  const r = await rawCall(sandbox.url, 'events.add_batch', undefined, {
    rawBody: events.map((e) => JSON.stringify(e)).join('\n'), authorization: `Bearer ${token}`, headers: { 'content-type': 'application/json-lines' },
  });
  expect(r.status).toBe(200);
  return r.json.data;
}

const scalar = (task: string, metric: string, variant: string, value: number, iter: number, timestamp = 1000): Record<string, unknown> =>
  ({ type: 'training_stats_scalar', task, metric, variant, value, iter, timestamp });

describe('events.add_batch aggregates scalars into last_metrics', () => {
  test('keyed by md5 of metric and variant, with value, min, max, first, count and mean', async () => {
    const task = await api.createTask();
    await addBatch([scalar(task, 'loss', 'total', 0.9, 0), scalar(task, 'loss', 'total', 0.5, 2), scalar(task, 'loss', 'total', 0.7, 1)]);
    const stored = (await api.getTask(task)).last_metrics;
    expect(Object.keys(stored)).toEqual([md5('loss')]);
    expect(stored[md5('loss')][md5('total')]).toEqual({
      metric: 'loss', variant: 'total', value: 0.5,
      min_value: 0.5, min_value_iteration: 2, max_value: 0.9, max_value_iteration: 0,
      first_value: 0.9, first_value_iteration: 0, count: 3, mean_value: 0.7,
    });
    expect((await api.getTask(task)).last_iteration).toBe(2);
  });

  test('a later batch sets value, widens min/max, keeps the first value and updates count and mean', async () => {
    const task = await api.createTask();
    await addBatch([scalar(task, 'acc', 'val', 0.5, 0)]);
    await addBatch([scalar(task, 'acc', 'val', 0.25, 1), scalar(task, 'acc', 'val', 0.125, 3)]);
    const entry = (await api.getTask(task)).last_metrics[md5('acc')][md5('val')];
    expect(entry).toMatchObject({ value: 0.125, min_value: 0.125, min_value_iteration: 3, max_value: 0.5, max_value_iteration: 0, first_value: 0.5, count: 3 });
    expect(entry.mean_value).toBeCloseTo(0.29, 10);
  });

  test('lm-eval-shaped scalars and single values (Summary, iteration -2^31) of one task', async () => {
    const task = await api.createTask();
    await addBatch([
      scalar(task, 'Summary', 'gsm8k/5shot/exact_match,strict-match', 0.4321, -(2 ** 31)),
      scalar(task, 'gsm8k', 'exact_match,strict-match', 0.4321, 0),
      scalar(task, 'openllm', 'average', 0.61, 0),
    ]);
    const doc = await api.getTask(task);
    expect(doc.last_metrics[md5('gsm8k')][md5('exact_match,strict-match')].value).toBe(0.4321);
    expect(doc.last_metrics[md5('Summary')][md5('gsm8k/5shot/exact_match,strict-match')].min_value_iteration).toBe(-(2 ** 31));
    expect(doc.last_iteration).toBe(0);
    const [row] = (await api.call('tasks.get_all', { id: [task], only_fields: ['last_metrics'] })).tasks;
    expect(row.last_metrics[md5('openllm')][md5('average')].value).toBe(0.61);
  });

  test('the last value is the one with the highest iteration, then the latest timestamp', async () => {
    const task = await api.createTask();
    await addBatch([scalar(task, 'm', 'v', 1, 5, 2000), scalar(task, 'm', 'v', 2, 5, 3000), scalar(task, 'm', 'v', 3, 4, 9000)]);
    expect((await api.getTask(task)).last_metrics[md5('m')][md5('v')].value).toBe(2);
  });

  test('log events and unknown tasks leave last_metrics alone; model events go to the model', async () => {
    const task = await api.createTask();
    const model = (await api.call('models.create', { name: 'a-model', uri: 'file:///m', task })).id;
    const data = await addBatch([
      { type: 'log', task, msg: 'hello', iter: 0 },
      scalar('no-such-task', 'x', 'y', 1, 0),
      { ...scalar(model, 'Summary', 'mmlu/acc,none', 0.6, -(2 ** 31)), model_event: true },
    ]);
    expect(data.added).toBe(3);
    expect((await api.getTask(task)).last_metrics ?? {}).toEqual({});
    const [stored] = (await api.call('models.get_all', { id: [model] })).models;
    expect(stored.last_metrics[md5('Summary')][md5('mmlu/acc,none')].value).toBe(0.6);
  });

  test('resetting a task clears its metrics', async () => {
    const task = await api.createTask();
    await addBatch([scalar(task, 'm', 'v', 1, 0)]);
    await api.call('tasks.reset', { task });
    expect((await api.getTask(task)).last_metrics ?? {}).toEqual({});
  });
});
