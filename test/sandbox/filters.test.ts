import { compilePattern, listMatcher, parseListFilter, patternMatcher, structuredMatcher } from '../../lib/sandbox/filters';

describe('list filters', () => {
  const tags = (...t: string[]): string[] => t;

  test('plain values are OR-ed', () => {
    const m = listMatcher(['a', 'b']);
    expect([m(tags('a')), m(tags('b')), m(tags('c'))]).toEqual([true, true, false]);
  });

  test('-x excludes and is AND-ed with the included values', () => {
    const m = listMatcher(['a', '-b']);
    expect([m(tags('a')), m(tags('a', 'b')), m(tags('c'))]).toEqual([true, false, false]);
    const onlyExclusions = listMatcher(['-archived']);
    expect([onlyExclusions(tags()), onlyExclusions(tags('archived', 'x'))]).toEqual([true, false]);
  });

  test('__$all requires every value; __$any any of them', () => {
    const all = listMatcher(['__$all', 'a', 'b']);
    expect([all(tags('a')), all(tags('a', 'b', 'c'))]).toEqual([false, true]);
    const any = listMatcher(['__$any', 'a', 'b']);
    expect([any(tags('b')), any(tags('c'))]).toEqual([true, false]);
  });

  test('__$not negates only the next value, and -x is literal after an operator', () => {
    const m = listMatcher(['__$all', 'a', '__$not', 'b', '-c']);
    expect([m(tags('a', '-c')), m(tags('a', 'b', '-c')), m(tags('a', 'c'))]).toEqual([true, false, false]);
  });

  test('values are grouped by kind, joined by the first operator', () => {
    expect(parseListFilter(['__$all', 'a', 'b', '__$or', 'd', '__$not', 'e'])).toEqual({
      anyOf: ['d'], allOf: ['a', 'b'], noneOf: ['e'], combiner: 'and',
    });
    expect(parseListFilter(['__$any', 'a', '__$all', 'b']).combiner).toBe('or');
  });

  test('null matches a missing, null or empty value; a scalar field is compared by equality', () => {
    const m = listMatcher([null]);
    expect([m(undefined), m(null), m(''), m([]), m('x')]).toEqual([true, true, true, true, false]);
    const status = listMatcher(['-completed', '-published']);
    expect([status('created'), status('completed')]).toEqual([true, false]);
  });

  test('a single string stands for a one-element list', () => {
    expect(listMatcher('a')('a')).toBe(true);
  });

  test('an unknown operator is 400/16', () => {
    expect(() => listMatcher(['__$xor', 'a'])).toThrow(expect.objectContaining({ status: 400, subcode: 16 }));
  });
});

describe('pattern filters', () => {
  test('are unanchored and case-sensitive', () => {
    const m = patternMatcher('train');
    expect([m('pre-train-x'), m('Train')]).toEqual([true, false]);
  });

  test('accept Python re.escape output and (?i)', () => {
    expect(patternMatcher('^my\\ task\\-1$')('my task-1')).toBe(true);
    expect(compilePattern('(?i)abc').test('ABC')).toBe(true);
  });

  test('a malformed regex is 400/21', () => {
    expect(() => compilePattern('(')).toThrow(expect.objectContaining({ status: 400, subcode: 21 }));
  });
});

describe('structured filters', () => {
  test('any.include, all.include, all.exclude and any.exclude', () => {
    const any = structuredMatcher({ any: { include: ['a', 'b'] } });
    expect([any(['b']), any(['c'])]).toEqual([true, false]);
    const all = structuredMatcher({ all: { include: ['a'], exclude: ['x'] } });
    expect([all(['a']), all(['a', 'x'])]).toEqual([true, false]);
    const notAll = structuredMatcher({ any: { exclude: ['a', 'b'] } });
    expect([notAll(['a']), notAll(['a', 'b'])]).toEqual([true, false]);
  });

  test('op or joins the any and all parts', () => {
    const m = structuredMatcher({ any: { include: ['a'] }, all: { include: ['b', 'c'] }, op: 'or' });
    expect([m(['a']), m(['b', 'c']), m(['b'])]).toEqual([true, true, false]);
  });
});
