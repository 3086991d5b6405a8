import { datetimeMatcher, rangeMatcher } from '../../lib/sandbox/range-filters';

describe('range filters', () => {
  test('[min, max] with open ends; a null min also matches missing values', () => {
    const closed = rangeMatcher([2, 5], 'last_iteration');
    expect([closed(1), closed(2), closed(5), closed(6), closed(undefined)]).toEqual([false, true, true, false, false]);
    const open = rangeMatcher([null, 3], 'last_iteration');
    expect([open(undefined), open(3), open(4)]).toEqual([true, true, false]);
  });

  test('anything but a two-element list is 400/16', () => {
    expect(() => rangeMatcher(3, 'created')).toThrow(expect.objectContaining({ status: 400, subcode: 16 }));
  });
});

describe('datetime filters', () => {
  const t = (s: string): string => `2025-01-0${s}T00:00:00.000000+00:00`;

  test('operator prefixes combine with AND', () => {
    const m = datetimeMatcher([`>=${t('2')}`, `<${t('4')}`], 'last_update');
    expect([m(t('1')), m(t('2')), m(t('3')), m(t('4'))]).toEqual([false, true, true, false]);
  });

  test('a bare pair is a range and Z equals +00:00', () => {
    const m = datetimeMatcher(['2025-01-02T00:00:00Z', null], 'last_update');
    expect([m(t('1')), m(t('2')), m(t('9'))]).toEqual([false, true, true]);
  });
});
