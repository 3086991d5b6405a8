import { request } from 'undici';
import { RunningSandbox } from '../../lib/sandbox/start';
import { basic, rawCall, started } from './api';

let sandbox: RunningSandbox;

beforeAll(async () => {
  ({ sandbox } = await started());
});
afterAll(() => sandbox.close());

function claimsOf(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('routing and envelope', () => {
  test('server.info needs no auth and returns the full envelope', async () => {
    const r = await rawCall(sandbox.url, 'server.info', {}, { prefix: '' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json.meta).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/), trx: r.json.meta.id,
      endpoint: { name: 'server.info', requested_version: '2.31', actual_version: '1.0' },
      result_code: 200, result_subcode: 0, result_msg: 'OK', error_stack: null, error_data: {},
    });
    expect(r.json.data).toMatchObject({ api_version: '2.31', version: expect.any(String) });
  });

  test('accepts any method, a JSON body on GET, a version and a prefix, and echoes the trx header', async () => {
    const token = (await rawCall(sandbox.url, 'auth.login', {}, { authorization: basic(sandbox), method: 'GET' })).json.data.token;
    const auth = `Bearer ${token}`;
    await rawCall(sandbox.url, 'projects.create', { name: 'routing/project' }, { authorization: auth, method: 'PUT', prefix: '/api/v2.23' });
    const r = await rawCall(sandbox.url, 'projects.get_all/', { name: '^routing/project$' }, {
      authorization: auth, method: 'GET', headers: { 'x-clearml-trx': 'trx-1' },
    });
    expect(r.json.meta.trx).toBe('trx-1');
    expect(r.json.meta.endpoint.requested_version).toBe('2.23');
    expect(r.json.data.projects.map((p: { name: string }) => p.name)).toEqual(['routing/project']);
  });

  test('merges query arguments into the body (numbers converted)', async () => {
    const r = await rawCall(sandbox.url, 'auth.login', undefined, { authorization: basic(sandbox), rawBody: '', query: 'expiration_sec=100' });
    const claims = claimsOf(r.json.data.token);
    expect(claims.exp - claims.iat).toBe(100);
  });

  test('unknown endpoint is 404/0 and malformed paths are 400/0, both with data {}', async () => {
    const unknown = await rawCall(sandbox.url, 'tasks.no_such_thing', {}, { authorization: basic(sandbox) });
    expect([unknown.status, unknown.json.meta.result_subcode, unknown.json.data]).toEqual([404, 0, {}]);
    expect(unknown.json.meta.endpoint.actual_version).toBeNull();
    const bad = await rawCall(sandbox.url, 'tasks.get_all', {}, { authorization: basic(sandbox), prefix: '/v2' });
    expect([bad.status, bad.json.meta.result_subcode, bad.json.data]).toEqual([400, 0, {}]);
  });

  test('OPTIONS answers an empty 200; a compressed request gets a plain-text 415', async () => {
    const options = await request(`${sandbox.url}/v2.23/tasks.get_all`, { method: 'OPTIONS' });
    expect([options.statusCode, await options.body.text()]).toEqual([200, '']);
    const compressed = await rawCall(sandbox.url, 'tasks.get_all', {}, { authorization: basic(sandbox), headers: { 'content-encoding': 'gzip' } });
    expect([compressed.status, compressed.json]).toEqual([415, undefined]);
  });

  test('a body that is not a JSON object is 400/12', async () => {
    const r = await rawCall(sandbox.url, 'projects.get_all', undefined, { authorization: basic(sandbox), rawBody: '"text"' });
    expect([r.status, r.json.meta.result_subcode]).toEqual([400, 12]);
  });
});

describe('authentication', () => {
  test('auth.login returns an HS256 JWT with the claims the SDK reads', async () => {
    const r = await rawCall(sandbox.url, 'auth.login', {}, { authorization: basic(sandbox) });
    const [header] = r.json.data.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(r.json.data.token);
    expect(claims).toMatchObject({ api_version: '2.31', feature_set: 'basic', auth_type: 'Bearer', server_version: expect.any(String) });
    expect(claims.exp - claims.iat).toBe(2_592_000);
    expect(Object.keys(claims.identity).sort()).toEqual(['company', 'company_name', 'role', 'user', 'user_name']);
  });

  test('Basic works on every endpoint', async () => {
    const r = await rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox) });
    expect(r.status).toBe(200);
  });

  test.each([
    { what: 'no credentials', authorization: undefined, subcode: 20 },
    { what: 'wrong secret', authorization: `Basic ${Buffer.from('a:b').toString('base64')}`, subcode: 22 },
    { what: 'bad token', authorization: 'Bearer abc.def.ghi', subcode: 30 },
  ])('$what gives 401/$subcode with data {}', async ({ authorization, subcode }) => {
    const r = await rawCall(sandbox.url, 'tasks.get_all', {}, { authorization });
    expect([r.status, r.json.meta.result_code, r.json.meta.result_subcode, r.json.data]).toEqual([401, 401, subcode, {}]);
  });

  test('a tampered token is refused with 401/30', async () => {
    const token: string = (await rawCall(sandbox.url, 'auth.login', {}, { authorization: basic(sandbox) })).json.data.token;
    const [h, p, s] = token.split('.');
    const claims = { ...claimsOf(token), exp: claimsOf(token).exp + 1 };
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(p).not.toBe(forged.split('.')[1]);
    const r = await rawCall(sandbox.url, 'tasks.get_all', {}, { authorization: `Bearer ${forged}` });
    expect([r.status, r.json.meta.result_subcode]).toEqual([401, 30]);
  });

  test('an expiration above one year is 400/12', async () => {
    const r = await rawCall(sandbox.url, 'auth.login', { expiration_sec: 31_536_001 }, { authorization: basic(sandbox) });
    expect([r.status, r.json.meta.result_subcode]).toEqual([400, 12]);
  });
});
