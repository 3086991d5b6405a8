import { canonicalJson, withSortedKeys, writeCanonicalJson } from '../../lib/manifest/serialize';
import { collectUtf8 } from '../../lib/manifest/utf8-writer';

describe('withSortedKeys', () => {
  test('returns an already sorted value itself, at every depth', () => {
    const value = { a: [{ x: 1, y: { p: true, q: null } }, 'text'], b: { c: 'd' } };
    expect(withSortedKeys(value)).toBe(value);
  });

  test('copies only what is out of order, and leaves the input untouched', () => {
    const sortedPart = { m: 1, n: 2 };
    const value = { b: { z: 1, a: 2 }, a: [sortedPart, { y: 1, x: 2 }] };
    const result = withSortedKeys(value) as { a: unknown[]; b: object };
    expect(JSON.stringify(result)).toBe('{"a":[{"m":1,"n":2},{"x":2,"y":1}],"b":{"a":2,"z":1}}');
    expect(result.a[0]).toBe(sortedPart);
    expect(JSON.stringify(value)).toBe('{"b":{"z":1,"a":2},"a":[{"m":1,"n":2},{"y":1,"x":2}]}');
  });

  test('drops undefined members of objects, as JSON does, even when the keys are in order', () => {
    expect(Object.keys(withSortedKeys({ a: 1, b: undefined, c: 3 }) as object)).toEqual(['a', 'c']);
  });

  test('orders by UTF-16 code units, not by locale', () => {
    expect(Object.keys(withSortedKeys({ b: 1, a: 1, B: 1, é: 1, _: 1 }) as object)).toEqual(['B', '_', 'a', 'b', 'é']);
  });
});

describe('writeCanonicalJson', () => {
  const documents: Record<string, Record<string, unknown>> = {
    'a large map between other members': {
      zeta: { b: 1, a: [1, { d: 'x', c: 'multi\nline "quoted"' }] },
      steps: { beta: { z: 1, a: { nested: [1, 2] } }, alpha: { k: 'v' }, gamma: [] },
      alpha: 'first',
    },
    'an empty map': { steps: {}, other: 1 },
    'array-index and unicode names': { steps: { '10': { a: 1 }, '9': { b: 2 }, é: {}, B: 'x', a: null } },
    'a value that looks like the placeholder line': { a: '\n  "steps": "x"', steps: { s: { t: 1 } } },
    'undefined entries': { steps: { kept: 1, dropped: undefined } },
  };

  test.each(Object.keys(documents))('gives the bytes of canonicalJson for %s', (name) => {
    const doc = documents[name];
    expect(collectUtf8((out) => writeCanonicalJson(doc, 'steps', out)).toString('utf8')).toBe(canonicalJson(doc));
  });
});
