/**
 * The planner: a pure function from the declared pipelines and the observed state to a
 * {@link Plan}. No I/O; the same inputs always give the same plan.
 */
import { renderControllerTask } from '../clearml/render';
import { OWNERSHIP_TAG_PREFIX, PipelineManifest, StepSpec, TaskSpec, pipelineTag } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { compareTask } from './compare';
import { ObservedProject, ObservedState, ObservedTask } from './observe';
import { PipelinePlan, Plan, ProjectAction, QueueCheck, TaskAction, TaskRole } from './plan-model';

/** Placeholder written as a `base_task_id` in a planned controller for a draft not created yet. */
export function newDraftPlaceholder(nodeName: string): string {
  return `(new draft of ${nodeName})`;
}

const IDENTITY_PREFIX = `${OWNERSHIP_TAG_PREFIX}:id=`;

/** The logical id named by a task's identity tag, or `''` when it has none. */
export function logicalIdOf(task: ObservedTask): string {
  const tag = (task.system_tags ?? []).find((t) => t.startsWith(IDENTITY_PREFIX));
  return tag === undefined ? '' : tag.slice(IDENTITY_PREFIX.length);
}

/**
 * Picks the task to keep among live tasks sharing one identity tag: an editable (`created`) one
 * first, then the oldest by `created`, then the smallest id. The others are duplicates.
 */
export function pickKept(tasks: readonly ObservedTask[]): { kept: ObservedTask; duplicates: ObservedTask[] } {
  const rank = (t: ObservedTask) => (t.status === 'created' ? 0 : 1);
  const sorted = [...tasks].sort((a, b) => rank(a) - rank(b)
    || codeUnitOrder(a.created ?? '', b.created ?? '') || codeUnitOrder(a.id, b.id));
  return { kept: sorted[0], duplicates: sorted.slice(1) };
}

function projectDepth(name: string): number {
  return name.split('/').length;
}

/** Plans the projects of every pipeline: missing ones created, missing system tags added. */
export function planProjects(pipelines: readonly PipelineManifest[], observed: readonly ObservedProject[]): ProjectAction[] {
  const declared = new Map<string, Set<string>>();
  for (const project of pipelines.flatMap((p) => p.projects)) {
    const tags = declared.get(project.name) ?? new Set<string>();
    project.system_tags.forEach((t) => tags.add(t));
    declared.set(project.name, tags);
  }
  const byName = new Map(observed.map((p) => [p.name, p]));
  const names = [...declared.keys()].sort((a, b) => projectDepth(a) - projectDepth(b) || codeUnitOrder(a, b));
  return names.map((name): ProjectAction => {
    const tags = [...(declared.get(name) ?? [])].sort();
    const live = byName.get(name);
    if (live === undefined) {
      return { kind: 'create', name, systemTags: tags, missingTags: tags };
    }
    const missingTags = tags.filter((t) => !live.system_tags.includes(t));
    const systemTags = [...new Set([...live.system_tags, ...tags])].sort();
    return { kind: missingTags.length > 0 ? 'update' : 'no-op', name, id: live.id, systemTags, missingTags };
  });
}

/** Checks the referenced queues; `unknown` when `observed` is undefined (queues not read). */
export function planQueues(pipelines: readonly PipelineManifest[], observed: ObservedState['queues']): QueueCheck[] {
  const names = [...new Set(pipelines.flatMap((p) => p.queues))].sort();
  const byName = new Map((observed ?? []).map((q) => [q.name, q]));
  return names.map((name): QueueCheck => {
    if (observed === undefined) {
      return { name, status: 'unknown' };
    }
    const live = byName.get(name);
    return live === undefined ? { name, status: 'missing' } : { name, status: 'present', id: live.id };
  });
}

interface DeclaredTask {
  readonly role: TaskRole;
  readonly pipelineId: string;
  readonly logicalId: string;
  readonly nodeName?: string;
  readonly spec: TaskSpec;
}

function planDeclaredTask(declared: DeclaredTask, live: ObservedTask | undefined, projectIds: Map<string, string>): TaskAction {
  const base = {
    role: declared.role, pipelineId: declared.pipelineId, logicalId: declared.logicalId, nodeName: declared.nodeName,
    name: declared.spec.name, projectName: declared.spec.project, spec: declared.spec,
  };
  if (live === undefined) {
    return { ...base, kind: 'create', changes: [] };
  }
  const existing = { ...base, taskId: live.id, status: live.status, live };
  if (live.status !== 'created') {
    const reason = `status is '${live.status}': only a 'created' draft can be edited, so a new one replaces it`;
    return { ...existing, kind: 'replace', changes: [], reason };
  }
  const changes = compareTask(declared.spec, live, projectIds.get(declared.spec.project));
  return { ...existing, kind: changes.length > 0 ? 'update' : 'no-op', changes };
}

function archiveAction(task: ObservedTask, pipelineId: string, role: 'orphan' | 'duplicate'): TaskAction {
  const reason = role === 'orphan'
    ? 'no longer declared (archived only with --prune)'
    : 'another live task has the same logical id (the oldest editable one is kept)';
  return {
    kind: 'archive', role, pipelineId, logicalId: logicalIdOf(task), name: task.name,
    taskId: task.id, status: task.status, changes: [], reason, live: task,
  };
}

function groupByLogicalId(tasks: readonly ObservedTask[]): Map<string, ObservedTask[]> {
  const groups = new Map<string, ObservedTask[]>();
  for (const task of tasks) {
    const id = logicalIdOf(task);
    groups.set(id, [...(groups.get(id) ?? []), task]);
  }
  return groups;
}

function stepAction(pipeline: PipelineManifest, step: StepSpec, kept: Map<string, ObservedTask>, projectIds: Map<string, string>): TaskAction {
  const declared: DeclaredTask = { role: 'step', pipelineId: pipeline.id, logicalId: step.id, nodeName: step.node.name, spec: step.task };
  return planDeclaredTask(declared, kept.get(step.id), projectIds);
}

function controllerAction(pipeline: PipelineManifest, steps: TaskAction[], kept: Map<string, ObservedTask>, projectIds: Map<string, string>): TaskAction {
  const draftIds: Record<string, string> = {};
  for (const step of steps) {
    const name = step.nodeName as string;
    const reusable = step.kind === 'update' || step.kind === 'no-op';
    draftIds[name] = reusable && step.taskId !== undefined ? step.taskId : newDraftPlaceholder(name);
  }
  const spec = renderControllerTask(pipeline, draftIds);
  const declared: DeclaredTask = { role: 'controller', pipelineId: pipeline.id, logicalId: pipeline.controller.id, spec };
  return planDeclaredTask(declared, kept.get(pipeline.controller.id), projectIds);
}

function byLogicalThenId(a: TaskAction, b: TaskAction): number {
  return codeUnitOrder(a.logicalId, b.logicalId) || codeUnitOrder(a.taskId ?? '', b.taskId ?? '');
}

/** Plans one pipeline given the live tasks carrying its pipeline tag. */
export function planPipeline(pipeline: PipelineManifest, owned: readonly ObservedTask[], projectIds: Map<string, string>): PipelinePlan {
  const declaredIds = new Set([pipeline.controller.id, ...Object.values(pipeline.steps).map((s) => s.id)]);
  const kept = new Map<string, ObservedTask>();
  const archives: TaskAction[] = [];
  for (const [logicalId, group] of groupByLogicalId(owned)) {
    if (!declaredIds.has(logicalId)) {
      archives.push(...group.map((t) => archiveAction(t, pipeline.id, 'orphan')));
      continue;
    }
    const { kept: keep, duplicates } = pickKept(group);
    kept.set(logicalId, keep);
    archives.push(...duplicates.map((t) => archiveAction(t, pipeline.id, 'duplicate')));
  }
  const steps = Object.keys(pipeline.steps).sort().map((name) => stepAction(pipeline, pipeline.steps[name], kept, projectIds));
  const controller = controllerAction(pipeline, steps, kept, projectIds);
  return { id: pipeline.id, name: pipeline.name, project: pipeline.project, manifest: pipeline, steps, controller, archives: archives.sort(byLogicalThenId) };
}

/**
 * Plans a deploy of `pipelines` against `observed`: projects (parents first), queue checks, then
 * per pipeline its steps, its controller, and the orphans and duplicates to archive.
 */
export function plan(pipelines: readonly PipelineManifest[], observed: ObservedState): Plan {
  const projects = planProjects(pipelines, observed.projects);
  const projectIds = new Map(observed.projects.map((p) => [p.name, p.id]));
  const sorted = [...pipelines].sort((a, b) => codeUnitOrder(a.id, b.id));
  const planned = sorted.map((pipeline) => {
    const tag = pipelineTag(pipeline.id);
    const owned = observed.tasks.filter((t) => (t.system_tags ?? []).includes(tag));
    return planPipeline(pipeline, owned, projectIds);
  });
  return { projects, queues: planQueues(pipelines, observed.queues), pipelines: planned };
}
