import { findUnserializable, flattenSection, pythonJson, renderValue } from '../../lib/core/values';

describe('renderValue', () => {
  test('follows the ClearML SDK stringification rules', () => {
    expect(renderValue(true)).toEqual({ value: 'True', type: 'bool' });
    expect(renderValue(false)).toEqual({ value: 'False', type: 'bool' });
    expect(renderValue(128)).toEqual({ value: '128', type: 'int' });
    expect(renderValue(0.01)).toEqual({ value: '0.01', type: 'float' });
    expect(renderValue('mse')).toEqual({ value: 'mse', type: 'str' });
    expect(renderValue(null)).toEqual({ value: '' });
    expect(renderValue(['a', 1])).toEqual({ value: '["a", 1]', type: 'list' });
    expect(renderValue({ a: { b: true } })).toEqual({ value: '{"a": {"b": true}}', type: 'dict' });
  });

  test('pythonJson keeps key order and uses Python separators', () => {
    expect(pythonJson({ z: 1, a: [null, 'x'] })).toBe('{"z": 1, "a": [null, "x"]}');
  });

  test('pythonJson leaves separators inside strings alone, escapes included', () => {
    const value = { 'k:,"': 'a, b: c', path: 'C:\\dir\\', quote: 'say "x, y"', nested: [{}, [], { u: undefined, n: 1.5 }], é: 'ü' };
    expect(pythonJson(value)).toBe('{"k:,\\"": "a, b: c", "path": "C:\\\\dir\\\\", "quote": "say \\"x, y\\"", "nested": [{}, [], {"n": 1.5}], "é": "ü"}');
    expect(pythonJson(undefined)).toBe('null');
    expect(pythonJson([undefined, 'x'])).toBe('[null, "x"]');
  });
});

describe('flattenSection', () => {
  test('writes items with their names sorted, whatever the declaration order', () => {
    expect(Object.keys(flattenSection('Args', { b: 1, a: { z: 1, y: 2 }, A: true }))).toEqual(['A', 'a/y', 'a/z', 'b']);
  });

  test('flattens nested objects with / and keeps none without a type', () => {
    const items = flattenSection('Args', { recipe_args: { group_size: 128, observer: 'mse' }, text_samples: null, empty: {} });
    expect(items['recipe_args/group_size']).toEqual({ section: 'Args', name: 'recipe_args/group_size', value: '128', type: 'int', description: '' });
    expect(items['text_samples']).toEqual({ section: 'Args', name: 'text_samples', value: '', description: '' });
    expect(items['empty']).toEqual({ section: 'Args', name: 'empty', value: '{}', type: 'dict', description: '' });
  });
});

describe('findUnserializable', () => {
  test('names functions, NaN, Infinity, class instances and cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(findUnserializable({ f: () => 1 }, 'props')).toEqual([expect.stringContaining('props.f is a function')]);
    expect(findUnserializable({ n: NaN }, 'props')).toEqual([expect.stringContaining('props.n is NaN')]);
    expect(findUnserializable([Infinity], 'props')).toEqual([expect.stringContaining('props.0 is Infinity')]);
    expect(findUnserializable({ d: new Date(0) }, 'props')).toEqual([expect.stringContaining('instance of Date')]);
    expect(findUnserializable(cyclic, 'props')).toEqual([expect.stringContaining('props.self contains a cycle')]);
    expect(findUnserializable({ ok: [1, 'a', { b: null }] }, 'props')).toEqual([]);
  });
});
