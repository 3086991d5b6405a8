/**
 * Parsing the ClearML response envelope.
 */
import { parseEnvelope } from '../../lib/clearml/envelope';

test('reads meta and data of an error answer', () => {
  const text = JSON.stringify({ meta: { trx: 'abc', result_code: 400, result_subcode: 101, result_msg: 'Invalid task id' }, data: {} });
  expect(parseEnvelope(text, 400)).toEqual({ resultCode: 400, resultSubcode: 101, resultMessage: 'Invalid task id', trx: 'abc', data: {} });
});

test('fills a missing result_code from the HTTP status and a missing data with {}', () => {
  expect(parseEnvelope('{"meta":{}}', 503)).toEqual({ resultCode: 503, resultSubcode: 0, resultMessage: '', trx: undefined, data: {} });
});

test('an HTML page or a JSON value without meta is not an envelope', () => {
  expect(parseEnvelope('<html>Bad Gateway</html>', 502)).toBeUndefined();
  expect(parseEnvelope('[1, 2]', 200)).toBeUndefined();
  expect(parseEnvelope('{"data": {}}', 200)).toBeUndefined();
});
