/**
 * The plan: what deploy will do to each object, as computed by {@link plan} from the manifests
 * and the observed state. `diff` prints it, `deploy` executes exactly it.
 */
import { PipelineManifest, TaskSpec } from '../manifest/schema';
import { FieldChange } from './compare';
import { ObservedTask } from './observe';

/**
 * What happens to one task.
 * - `create`: no live object has its identity tag;
 * - `update`: it exists, is editable (`created`) and differs (drift included);
 * - `replace`: it exists but is no longer editable: a new one is created and the old one archived;
 * - `no-op`: it already matches;
 * - `archive`: an orphan (owned, no longer declared; only with `--prune`) or a duplicate.
 */
export type TaskActionKind = 'create' | 'update' | 'replace' | 'no-op' | 'archive';

/** Why a task is in the plan. */
export type TaskRole = 'step' | 'controller' | 'orphan' | 'duplicate';

/** The planned action for one task. */
export interface TaskAction {
  /** What happens. */
  readonly kind: TaskActionKind;
  /** Why the task is in the plan. */
  readonly role: TaskRole;
  /** Pipeline (construct path) it belongs to. */
  readonly pipelineId: string;
  /** Logical id (construct path) from its identity tag; `''` when an orphan has none. */
  readonly logicalId: string;
  /** DAG node name, for steps. */
  readonly nodeName?: string;
  /** Display name: declared, else observed. */
  readonly name: string;
  /** Declared project path (declared objects only). */
  readonly projectName?: string;
  /** Id of the existing task (update, replace, no-op, archive). */
  readonly taskId?: string;
  /** Status of the existing task. */
  readonly status?: string;
  /** Field-level differences (update; for the controller, computed with placeholder ids for new drafts). */
  readonly changes: FieldChange[];
  /** Human reason for a replace or an archive. */
  readonly reason?: string;
  /** Declared task (steps). For the controller, apply renders it again with the real draft ids. */
  readonly spec?: TaskSpec;
  /** The observed task, when one exists. */
  readonly live?: ObservedTask;
}

/** The planned action for one project. */
export interface ProjectAction {
  /** `create` when missing, `update` when system tags are missing, else `no-op`. */
  readonly kind: 'create' | 'update' | 'no-op';
  /** Full path. */
  readonly name: string;
  /** Server id when it exists. */
  readonly id?: string;
  /** System tags to write: the declared ones plus, on update, those already there. */
  readonly systemTags: string[];
  /** Declared system tags the project lacks. */
  readonly missingTags: string[];
}

/** Whether a referenced queue exists. */
export interface QueueCheck {
  /** Queue name. */
  readonly name: string;
  /** `unknown` when queues were not read (a no-op deploy skips that read). */
  readonly status: 'present' | 'missing' | 'unknown';
  /** Server id when present. */
  readonly id?: string;
}

/** The plan of one pipeline. */
export interface PipelinePlan {
  /** Logical id. */
  readonly id: string;
  /** ClearML pipeline name. */
  readonly name: string;
  /** ClearML project. */
  readonly project: string;
  /** The manifest (apply renders the controller from it). */
  readonly manifest: PipelineManifest;
  /** One action per declared step, sorted by node name. */
  readonly steps: TaskAction[];
  /** The controller's action. */
  readonly controller: TaskAction;
  /** Orphans and duplicates, sorted by logical id then task id. */
  readonly archives: TaskAction[];
}

/** The whole plan. */
export interface Plan {
  /** Projects, parents before children. */
  readonly projects: ProjectAction[];
  /** Referenced queues, sorted by name. */
  readonly queues: QueueCheck[];
  /** One entry per pipeline, sorted by id. */
  readonly pipelines: PipelinePlan[];
}

/** Counts of a plan, by outcome. */
export interface PlanSummary {
  /** Tasks and projects to create (replacements excluded). */
  readonly create: number;
  /** Tasks and projects to update. */
  readonly update: number;
  /** Tasks to replace. */
  readonly replace: number;
  /** Duplicates to archive (always) plus orphans to archive (only with `prune`). */
  readonly archive: number;
  /** Orphans left alone because `prune` is off. */
  readonly orphans: number;
  /** Tasks already up to date. */
  readonly unchanged: number;
  /** Queues referenced but missing. */
  readonly missingQueues: number;
}

/** Every task action of a plan, pipeline by pipeline: steps, controller, archives. */
export function allTaskActions(plan: Plan): TaskAction[] {
  return plan.pipelines.flatMap((p) => [...p.steps, p.controller, ...p.archives]);
}

/** True when `action` will be executed (orphans only with `prune`). */
export function isWrite(action: TaskAction, prune: boolean): boolean {
  if (action.kind === 'no-op') {
    return false;
  }
  return action.role !== 'orphan' || prune;
}

/** Counts the plan's actions. */
export function summarizePlan(plan: Plan, prune: boolean): PlanSummary {
  const tasks = allTaskActions(plan);
  const count = (kind: TaskActionKind) => tasks.filter((t) => t.kind === kind).length;
  const orphans = tasks.filter((t) => t.role === 'orphan').length;
  return {
    create: count('create') + plan.projects.filter((p) => p.kind === 'create').length,
    update: count('update') + plan.projects.filter((p) => p.kind === 'update').length,
    replace: count('replace'),
    archive: count('archive') - (prune ? 0 : orphans),
    orphans: prune ? 0 : orphans,
    unchanged: count('no-op'),
    missingQueues: plan.queues.filter((q) => q.status === 'missing').length,
  };
}

/** True when applying the plan would write anything (orphans count only with `prune`). */
export function planHasWrites(plan: Plan, prune: boolean): boolean {
  return plan.projects.some((p) => p.kind !== 'no-op') || allTaskActions(plan).some((t) => isWrite(t, prune));
}

/** True when the plan shows any difference at all, orphans included (what `diff --fail` checks). */
export function planHasDifferences(plan: Plan): boolean {
  return planHasWrites(plan, true) || plan.queues.some((q) => q.status === 'missing');
}
