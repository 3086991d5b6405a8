import { ChangeTracker, unwrap } from '../../lib/sandbox/tracking';
import { Doc } from '../../lib/sandbox/store';

describe('ChangeTracker', () => {
  test('marks the document dirty on writes at any depth, and on insert and delete', () => {
    const tracker = new ChangeTracker();
    const raw: Record<string, Doc> = { a: { id: 'a', execution: { artifacts: [] } }, b: { id: 'b' } };
    const tasks = tracker.collection('tasks', raw);
    ((tasks.a.execution as Record<string, unknown[]>).artifacts).push({ key: 'k' });
    expect([...tracker.dirty]).toEqual(['tasks/a']);
    tracker.dirty.clear();
    tasks.c = { id: 'c' };
    delete tasks.b;
    expect([...tracker.dirty].sort()).toEqual(['tasks/b', 'tasks/c']);
    expect(Object.keys(raw).sort()).toEqual(['a', 'c']);
  });

  test('reads do not mark anything, identity is stable, and stored values are unwrapped', () => {
    const tracker = new ChangeTracker();
    const raw: Record<string, Doc> = { a: { id: 'a', script: { branch: 'x' } } };
    const tasks = tracker.collection('tasks', raw);
    expect(Object.values(tasks).map((t) => (t.script as { branch: string }).branch)).toEqual(['x']);
    expect(tasks.a).toBe(tasks.a);
    expect(tracker.dirty.size).toBe(0);
    tasks.a.copy = tasks.a.script;
    expect(raw.a.copy).toBe(unwrap(tasks.a.script));
  });
});
