import { renderControllerTask } from '../../lib/clearml/render';
import { TaskSpec } from '../../lib/manifest/schema';
import { ObservedState, ObservedTask } from '../../lib/deploy/observe';
import { newDraftPlaceholder, pickKept, plan } from '../../lib/deploy/plan';
import { planHasDifferences, planHasWrites, summarizePlan } from '../../lib/deploy/plan-model';
import { buildPipeline, withStepTask, withoutStep } from './fixtures';

const pipeline = buildPipeline();
const projects = pipeline.projects.map((p, i) => ({ id: `p${i}`, name: p.name, system_tags: p.system_tags }));
const projectIds = new Map(projects.map((p) => [p.name, p.id]));

function live(spec: TaskSpec, id: string, overrides: Partial<ObservedTask> = {}): ObservedTask {
  const { output_dest: destination, project, ...rest } = spec;
  return { ...rest, id, project: projectIds.get(project), status: 'created', created: `2026-01-01T00:00:0${id.length}`, output: { destination }, ...overrides };
}

function deployedState(): ObservedState {
  const draftIds: Record<string, string> = {};
  const tasks = Object.entries(pipeline.steps).map(([name, step]) => {
    draftIds[name] = `d-${name}`;
    return live(step.task, `d-${name}`);
  });
  tasks.push(live(renderControllerTask(pipeline, draftIds), 'ctrl'));
  return { projects, tasks, queues: [{ id: 'q1', name: 'oneshot-a100x1' }, { id: 'q2', name: 'services' }] };
}

describe('plan', () => {
  test('against an empty server: every project and task is created', () => {
    const p = plan([pipeline], { projects: [], tasks: [], queues: [] });
    expect(p.projects.map((x) => [x.kind, x.name])).toEqual([
      ['create', 'alexandre_debug'], ['create', 'alexandre_debug/.pipelines'], ['create', 'alexandre_debug/.pipelines/my_pipeline'],
    ]);
    expect(p.pipelines[0].steps.map((s) => s.kind)).toEqual(['create', 'create', 'create']);
    expect(p.pipelines[0].controller.kind).toBe('create');
    expect(p.queues.map((q) => q.status)).toEqual(['missing', 'missing']);
    expect(summarizePlan(p, false)).toMatchObject({ create: 7, update: 0, missingQueues: 2 });
  });

  test('against what was deployed: no writes, no differences', () => {
    const p = plan([pipeline], deployedState());
    expect(planHasWrites(p, true)).toBe(false);
    expect(planHasDifferences(p)).toBe(false);
    expect(summarizePlan(p, false).unchanged).toBe(4);
  });

  test('one changed field updates exactly that draft, with old and new values', () => {
    const changed = withStepTask(pipeline, 'step2', (t) => ({ ...t, script: { ...t.script, branch: 'dev' } }));
    const p = plan([changed], deployedState());
    expect(p.pipelines[0].steps.map((s) => s.kind)).toEqual(['no-op', 'update', 'no-op']);
    expect(p.pipelines[0].steps[1].changes).toEqual([{ path: 'script.branch', field: 'script', old: 'main', new: 'dev' }]);
    expect(p.pipelines[0].controller.kind).toBe('no-op');
  });

  test('a display-name rename is an update of the same task', () => {
    const renamed = withStepTask(pipeline, 'step1', (t) => ({ ...t, name: 'quantize' }));
    const step = plan([renamed], deployedState()).pipelines[0].steps[0];
    expect(step).toMatchObject({ kind: 'update', taskId: 'd-step1', changes: [{ path: 'name', old: 'step1_draft', new: 'quantize' }] });
  });

  test('drift made on the server is an update back to the declared value', () => {
    const state = deployedState();
    const drifted = state.tasks.map((t) => t.id !== 'd-step3' ? t : {
      ...t, hyperparams: { ...t.hyperparams, Args: { ...t.hyperparams?.Args, extra: { section: 'Args', name: 'extra', value: '1', description: '' } } },
    });
    const step = plan([pipeline], { ...state, tasks: drifted }).pipelines[0].steps[2];
    expect(step.kind).toBe('update');
    expect(step.changes).toEqual([{ path: 'hyperparams.Args.extra', field: 'hyperparams', old: { section: 'Args', name: 'extra', value: '1', description: '' }, new: undefined }]);
  });

  test('a draft no longer in created is replaced and the controller repointed', () => {
    const state = deployedState();
    const tasks = state.tasks.map((t) => t.id === 'd-step1' ? { ...t, status: 'completed' } : t);
    const p = plan([pipeline], { ...state, tasks }).pipelines[0];
    expect(p.steps[0]).toMatchObject({ kind: 'replace', taskId: 'd-step1', status: 'completed' });
    expect(p.controller.kind).toBe('update');
    const change = p.controller.changes.find((c) => c.path === 'configuration.Pipeline');
    expect(String(change?.new)).toContain(newDraftPlaceholder('step1'));
  });

  test('an owned task no longer declared is an orphan, archived only with prune', () => {
    const p = plan([withoutStep(pipeline, 'step3')], deployedState());
    expect(p.pipelines[0].archives).toMatchObject([{ kind: 'archive', role: 'orphan', taskId: 'd-step3', logicalId: 'my_pipeline/step3' }]);
    expect(summarizePlan(p, false)).toMatchObject({ orphans: 1, archive: 0 });
    expect(summarizePlan(p, true)).toMatchObject({ orphans: 0, archive: 1 });
    expect(planHasDifferences(p)).toBe(true);
  });

  test('duplicates: the oldest editable one is kept, the others archived', () => {
    const state = deployedState();
    const copy = { ...state.tasks[0], id: 'd-step1-copy', created: '2026-02-01T00:00:00' };
    const p = plan([pipeline], { ...state, tasks: [copy, ...state.tasks] }).pipelines[0];
    expect(p.steps[0]).toMatchObject({ kind: 'no-op', taskId: 'd-step1' });
    expect(p.archives).toMatchObject([{ role: 'duplicate', taskId: 'd-step1-copy' }]);
  });

  test('pickKept prefers an editable task over an older finished one', () => {
    const old = { id: 'a', name: 'x', type: 'training', status: 'completed', created: '2026-01-01' };
    const fresh = { id: 'b', name: 'x', type: 'training', status: 'created', created: '2026-03-01' };
    expect(pickKept([old, fresh]).kept.id).toBe('b');
  });

  test('missing project system tags are added, existing ones kept', () => {
    const state = deployedState();
    const stripped = state.projects.map((p) => p.name.endsWith('my_pipeline') ? { ...p, system_tags: ['custom'] } : p);
    const action = plan([pipeline], { ...state, projects: stripped }).projects[2];
    expect(action).toMatchObject({ kind: 'update', missingTags: ['hidden', 'pipeline'], systemTags: ['custom', 'hidden', 'pipeline'] });
  });

  test('queues not read are unknown, not missing', () => {
    const { queues: _ignored, ...rest } = deployedState();
    expect(plan([pipeline], rest).queues.map((q) => q.status)).toEqual(['unknown', 'unknown']);
  });
});
