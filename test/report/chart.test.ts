import { escapeXml, recoveryChart } from '../../lib/report/chart';
import { RecoveryReport } from '../../lib/report/model';

const report: RecoveryReport = {
  pipeline: 'p<&>',
  run: { id: 'a'.repeat(32), name: 'p #1', status: 'completed' },
  baseline: { label: 'baseline', source: 'step' },
  columns: ['w4a16', 'w8a8'],
  rows: [
    { suite: 's', task: 't1', metric: 'acc,none', kind: 'task', averaged: false, baseline: { value: 0.5 }, compared: {
      w4a16: { score: { value: 0.49 }, recovery: { value: 98 } }, w8a8: { score: { value: null, note: 'step failed' }, recovery: { value: null, note: 'step failed' } } } },
    { suite: 's', task: 't2', metric: 'acc,none', kind: 'task', averaged: true, baseline: { value: 0.5 }, compared: {
      w4a16: { score: { value: 0.45 }, recovery: { value: 90 } }, w8a8: { score: { value: 0.5 }, recovery: { value: 100 } } } },
  ],
  notes: [],
};

describe('the recovery chart', () => {
  const svg = recoveryChart(report, { threshold: 99 });

  test('one bar per measured recovery, n/a where there is none, escaped text', () => {
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).toContain('<title>w4a16: 90.00%</title>');
    expect(svg).toContain('>n/a</text>');
    expect(svg).toContain('Recovery of p&lt;&amp;&gt; (run aaaaaaaa) against baseline');
    expect(escapeXml('"a"')).toBe('&quot;a&quot;');
  });

  test('the threshold line sits between 90% and 100%, on an axis that starts below the lowest bar', () => {
    const threshold = Number(/<line x1="([\d.]+)"[^>]*stroke="#d62728"/.exec(svg)?.[1]);
    const at = (tick: number) => Number(new RegExp(`<text x="([\\d.]+)" y="\\d+" text-anchor="middle">${tick}%</text>`).exec(svg)?.[1]);
    expect(threshold).toBeGreaterThan(at(90));
    expect(threshold).toBeLessThan(at(100));
    expect(svg).toContain('>85%</text>');
  });

  test('the same report gives the same bytes', () => {
    expect(recoveryChart(JSON.parse(JSON.stringify(report)), { threshold: 99 })).toBe(svg);
    expect(recoveryChart(report)).toContain('threshold 100%');
  });
});
