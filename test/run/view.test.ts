import { RunSnapshot } from '../../lib/run/snapshot';
import { LiveView, formatDuration, runTable } from '../../lib/run/view';

const SNAPSHOT: RunSnapshot = {
  id: 'r1', name: 'my_pipeline #2', status: 'in_progress', nodes: [
    { name: 'step1', status: 'completed', queue: 'oneshot-a100x1', parents: [], taskId: 't1', started: 100, ended: 165 },
    { name: 'step2', status: 'failed', queue: 'oneshot-a100x1', parents: ['step1'], taskId: 't2', started: 170, ended: 171.5, message: 'CUDA out of memory' },
    { name: 'step3', status: 'running', queue: 'oneshot-a100x1', parents: ['step1'], taskId: 't3', started: 170 },
  ],
};

describe('run view', () => {
  test('the table shows state, queue, duration, task link and the failure reason', () => {
    expect(runTable(SNAPSHOT, 180, (id) => `http://web/${id}`)).toEqual([
      "Run 'my_pipeline #2' (r1): in_progress",
      '  step    state      queue           time     task',
      '  ✔ step1 completed  oneshot-a100x1  1m 05s   http://web/t1',
      '  ✘ step2 failed     oneshot-a100x1  1.5s     http://web/t2',
      '      CUDA out of memory',
      '  ▶ step3 running    oneshot-a100x1  10.0s    http://web/t3',
    ]);
    expect(formatDuration(7300)).toBe('2h 01m');
  });

  test('on a terminal it redraws in place; otherwise it prints one line per change only', () => {
    const tty: string[] = [];
    const terminal = new LiveView({ write: (t) => tty.push(t) }, true);
    terminal.update(SNAPSHOT);
    terminal.update(SNAPSHOT);
    expect(tty[0].startsWith('\x1b[')).toBe(false);
    expect(tty[1].startsWith('\x1b[6A\x1b[0J')).toBe(true);
    const lines: string[] = [];
    const plain = new LiveView({ write: (t) => lines.push(t) }, false);
    plain.update({ ...SNAPSHOT, status: 'in_progress', nodes: SNAPSHOT.nodes.map((n) => ({ ...n, status: 'pending', taskId: undefined, message: undefined })) });
    plain.update(SNAPSHOT);
    plain.update(SNAPSHOT);
    expect(lines.join('')).toBe([
      "run 'my_pipeline #2' (r1): in_progress",
      '  step1: pending -> completed t1',
      '  step2: pending -> failed t2 (CUDA out of memory)',
      '  step3: pending -> running t3',
      '',
    ].join('\n'));
  });
});
