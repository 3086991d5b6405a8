/**
 * The machine-readable plan printed by `diff --json` and `deploy --json`.
 *
 * Shape (version 1, stable; new keys may be added, none removed):
 * `{ version: 1, differences, summary, projects: [{action, name, id?, missingTags}],
 *    queues: [{name, status, id?}],
 *    pipelines: [{id, name, project, tasks: [{action, role, logicalId, nodeName?, name, taskId?,
 *                 status?, reason?, changes: [{path, old, new}]}]}] }`
 * where `action` is create | update | replace | no-op | archive and, for projects, create |
 * update | no-op. Values absent on one side are `null`.
 */
import { Plan, PlanSummary, TaskAction, planHasDifferences, summarizePlan } from './plan-model';

/** Version of the JSON shape. */
export const PLAN_JSON_VERSION = 1;

/** One task in the JSON plan. */
export interface TaskActionJson {
  /** What happens to it. */
  readonly action: string;
  /** step, controller, orphan or duplicate. */
  readonly role: string;
  /** Logical id. */
  readonly logicalId: string;
  /** DAG node name (steps). */
  readonly nodeName?: string;
  /** Display name. */
  readonly name: string;
  /** Existing task id. */
  readonly taskId?: string;
  /** Existing task status. */
  readonly status?: string;
  /** Why it is replaced or archived. */
  readonly reason?: string;
  /** Changed values. */
  readonly changes: { path: string; old: unknown; new: unknown }[];
}

/** The JSON plan. */
export interface PlanJson {
  /** {@link PLAN_JSON_VERSION}. */
  readonly version: number;
  /** True when anything differs (what `diff --fail` checks). */
  readonly differences: boolean;
  /** Counts. */
  readonly summary: PlanSummary;
  /** Project actions. */
  readonly projects: { action: string; name: string; id?: string; missingTags: string[] }[];
  /** Queue checks. */
  readonly queues: { name: string; status: string; id?: string }[];
  /** Per pipeline. */
  readonly pipelines: { id: string; name: string; project: string; tasks: TaskActionJson[] }[];
}

function taskJson(a: TaskAction): TaskActionJson {
  return {
    action: a.kind, role: a.role, logicalId: a.logicalId, nodeName: a.nodeName, name: a.name, taskId: a.taskId,
    status: a.status, reason: a.reason, changes: a.changes.map((c) => ({ path: c.path, old: c.old ?? null, new: c.new ?? null })),
  };
}

/** Converts a plan to its JSON shape. */
export function planToJson(plan: Plan, prune: boolean = false): PlanJson {
  return {
    version: PLAN_JSON_VERSION,
    differences: planHasDifferences(plan),
    summary: summarizePlan(plan, prune),
    projects: plan.projects.map((p) => ({ action: p.kind, name: p.name, id: p.id, missingTags: p.missingTags })),
    queues: plan.queues.map((q) => ({ name: q.name, status: q.status, id: q.id })),
    pipelines: plan.pipelines.map((p) => ({
      id: p.id, name: p.name, project: p.project, tasks: [...p.steps, p.controller, ...p.archives].map(taskJson),
    })),
  };
}
