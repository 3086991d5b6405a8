/**
 * Request addresses built from the API host.
 */
import { HttpTransport, requestTarget } from '../../lib/clearml/transport';

test('the version and endpoint follow the API host, keeping its path prefix', () => {
  expect(requestTarget('https://api.clear.ml', 'tasks.create')).toEqual({ origin: 'https://api.clear.ml', path: '/v2.23/tasks.create' });
  expect(requestTarget('http://host:8080/api/', 'tasks.get_all')).toEqual({ origin: 'http://host:8080', path: '/api/v2.23/tasks.get_all' });
});

test('an API host that is not a URL is refused when the transport is made', () => {
  expect(() => new HttpTransport({ apiHost: 'api.clear.ml', verifyTls: true, connectTimeoutMs: 1, requestTimeoutMs: 1, connections: 1 }))
    .toThrow(expect.objectContaining({ code: 'BadApiHost', exitCode: 3 }));
});
