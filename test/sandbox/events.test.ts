import { RunningSandbox } from '../../lib/sandbox/start';
import { basic, rawCall, started } from './api';

let sandbox: RunningSandbox;

beforeAll(async () => {
  ({ sandbox } = await started());
});
afterAll(() => sandbox.close());

describe('events.add_batch', () => {
  test('accepts json-lines and counts the events', async () => {
    const lines = [{ type: 'log', task: 'x', msg: 'a' }, { type: 'log', task: 'x', msg: 'b' }].map((e) => JSON.stringify(e)).join('\n');
    const token = (await rawCall(sandbox.url, 'auth.login', {}, { authorization: basic(sandbox) })).json.data.token;
    const r = await rawCall(sandbox.url, 'events.add_batch', undefined, {
      rawBody: lines, authorization: `Bearer ${token}`, headers: { 'content-type': 'application/json-lines' },
    });
    expect(r.json.data).toEqual({ added: 2, errors: 0, errors_info: {} });
  });
});

describe('event reads', () => {
  test('answer empty lists', async () => {
    const r = await rawCall(sandbox.url, 'events.get_task_log', { task: 'x' }, { authorization: basic(sandbox) });
    expect(r.json.data).toMatchObject({ events: [], total: 0 });
  });
});
