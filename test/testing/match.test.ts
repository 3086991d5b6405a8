import { Match, matchPattern } from '../../lib/testing/match';

describe('Match', () => {
  const value = { name: 'step1', node: { queue: 'gpu', parents: ['a', 'b'] }, tags: ['x'] };

  test('plain objects match partially at every depth', () => {
    expect(matchPattern({ node: { queue: 'gpu' } }, value, '')).toEqual([]);
    expect(matchPattern({ node: { queue: 'cpu' } }, value, '')).toEqual([{ path: '/node/queue', message: 'expected "cpu", got "gpu"' }]);
  });

  test('arrays match item by item and by length', () => {
    expect(matchPattern({ node: { parents: ['a', 'b'] } }, value, '')).toEqual([]);
    expect(matchPattern({ node: { parents: ['a'] } }, value, '')[0].message).toMatch(/expected 1 item\(s\)/);
  });

  test('exact refuses extra keys', () => {
    expect(matchPattern(Match.exact({ queue: 'gpu', parents: ['a', 'b'] }), value.node, '')).toEqual([]);
    expect(matchPattern(Match.exact({ queue: 'gpu' }), value.node, '')).toEqual([
      { path: '/parents', message: 'unexpected key (exact match) with value ["a","b"]' },
    ]);
  });

  test('arrayWith finds items in any order', () => {
    expect(matchPattern({ node: { parents: Match.arrayWith(['b']) } }, value, '')).toEqual([]);
    expect(matchPattern({ node: { parents: Match.arrayWith(['c']) } }, value, '')[0].message).toBe('no item matches "c" in ["a","b"]');
  });

  test('absent and anyValue', () => {
    expect(matchPattern({ missing: Match.absent(), name: Match.anyValue() }, value, '')).toEqual([]);
    expect(matchPattern({ name: Match.absent() }, value, '')).toEqual([{ path: '/name', message: 'expected no value, got "step1"' }]);
    expect(matchPattern({ missing: Match.anyValue() }, value, '')[0]).toMatchObject({ path: '/missing' });
  });

  test('objectLike nested inside exact relaxes that level only', () => {
    expect(matchPattern(Match.exact({ name: 'step1', node: Match.objectLike({ queue: 'gpu' }), tags: ['x'] }), value, '')).toEqual([]);
  });
});
