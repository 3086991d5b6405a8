/**
 * Saved plans (`diff --out plan.json`, then `deploy --plan plan.json`): the plan a reviewer
 * approved, with what it was computed from: a hash of each pipeline manifest and a content hash
 * of every object observe read. Deploying it re-reads the server and refuses, writing nothing,
 * when any of that moved: a manifest that is not the one the plan was made from, a task that
 * changed, appeared or disappeared, a project or queue that changed. Otherwise the plan computed
 * again is the saved one (plan is pure), and exactly it is applied.
 */
import * as fs from 'node:fs';
import { PipelineManifest } from '../manifest/schema';
import { canonicalJson, sha256Hex } from '../manifest/serialize';
import { apply, ApplyOptions } from './apply';
import { DeployClient } from './client';
import { DeployResult, knownIds } from './deploy';
import { DeployError, missingQueuesError } from './errors';
import { refuseAdoptedScriptDagChanges } from './adopted-dag';
import { LeaseOptions, withLease } from './lease';
import { PlanJson, planToJson } from './format-json';
import { observe, ObservedState } from './observe';
import { plan as computePlan } from './plan';
import { Plan, planHasWrites } from './plan-model';

/** The `kind` of a saved plan file. */
export const SAVED_PLAN_KIND = 'cdk-style/saved-plan';

/** Version of the saved plan format. */
export const SAVED_PLAN_VERSION = 1;

/** What observe saw of one task. */
export interface SeenTask {
  /** Display name. */
  readonly name: string;
  /** Logical id from its identity tag (`''` when it has none). */
  readonly logicalId: string;
  /** sha256 of the observed fields. */
  readonly hash: string;
}

/** What the plan was computed from. */
export interface PlanBasis {
  /** sha256 of each pipeline manifest, by pipeline id. */
  readonly manifests: Record<string, string>;
  /** Projects by name: sha256 of what was observed, or null when the project did not exist. */
  readonly projects: Record<string, string | null>;
  /** Owned tasks by server id. */
  readonly tasks: Record<string, SeenTask>;
  /** Queues by name: server id, or null when missing. */
  readonly queues: Record<string, string | null>;
}

/** A saved plan file. */
export interface SavedPlan {
  /** {@link SAVED_PLAN_KIND}. */
  readonly kind: string;
  /** {@link SAVED_PLAN_VERSION}. */
  readonly version: number;
  /** What the plan was computed from. */
  readonly basis: PlanBasis;
  /** The plan (the same shape as `diff --format json`). */
  readonly plan: PlanJson;
}

function logicalIdOf(systemTags: readonly string[] | undefined): string {
  const tag = (systemTags ?? []).find((t) => t.startsWith('cdk-style:id='));
  return tag === undefined ? '' : tag.slice('cdk-style:id='.length);
}

/** What a plan of `pipelines` is computed from. */
export function planBasis(pipelines: readonly PipelineManifest[], observed: ObservedState): PlanBasis {
  const projectNames = [...new Set(pipelines.flatMap((p) => p.projects.map((project) => project.name)))].sort();
  const queueNames = [...new Set(pipelines.flatMap((p) => p.queues))].sort();
  const tasks: Record<string, SeenTask> = {};
  for (const task of [...observed.tasks].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    tasks[task.id] = { name: task.name, logicalId: logicalIdOf(task.system_tags), hash: sha256Hex(canonicalJson(task)) };
  }
  const project = (name: string) => observed.projects.find((p) => p.name === name);
  return {
    manifests: Object.fromEntries([...pipelines].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => [p.id, sha256Hex(canonicalJson(p))])),
    projects: Object.fromEntries(projectNames.map((name) => [name, project(name) === undefined ? null : sha256Hex(canonicalJson(project(name)))])),
    tasks,
    queues: Object.fromEntries(queueNames.map((name) => [name, observed.queues?.find((q) => q.name === name)?.id ?? null])),
  };
}

/** The saved plan of `planned`, computed from `pipelines` and `observed` (queues included). */
export function makeSavedPlan(pipelines: readonly PipelineManifest[], observed: ObservedState, planned: Plan): SavedPlan {
  return { kind: SAVED_PLAN_KIND, version: SAVED_PLAN_VERSION, basis: planBasis(pipelines, observed), plan: planToJson(planned) };
}

/** Reads and checks the shape of a saved plan file. */
export function readSavedPlan(file: string): SavedPlan {
  let doc: Partial<SavedPlan>;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SavedPlan>;
  } catch (error) {
    throw new DeployError('BadPlanFile', `Cannot read the saved plan ${file}: ${(error as Error).message}. Make one with: cdk-style diff --out ${file}`);
  }
  if (doc?.kind !== SAVED_PLAN_KIND || doc.version !== SAVED_PLAN_VERSION || typeof doc.basis !== 'object' || typeof doc.plan !== 'object') {
    throw new DeployError('BadPlanFile', `${file} is not a cdk-style saved plan (version ${SAVED_PLAN_VERSION}). Make one with: cdk-style diff --out ${file}`);
  }
  return doc as SavedPlan;
}

function manifestProblems(saved: PlanBasis, now: PlanBasis): string[] {
  const ids = [...new Set([...Object.keys(saved.manifests), ...Object.keys(now.manifests)])].sort();
  return ids.flatMap((id) => {
    if (!(id in now.manifests)) {
      return [`pipeline ${id}: in the plan but not in the manifest being deployed`];
    }
    if (!(id in saved.manifests)) {
      return [`pipeline ${id}: in the manifest but not in the plan`];
    }
    return saved.manifests[id] === now.manifests[id] ? [] : [`pipeline ${id}: the manifest is not the one the plan was made from`];
  });
}

function taskLabel(id: string, task: SeenTask): string {
  return `task ${task.name} (${task.logicalId || 'no identity tag'}) ${id}`;
}

/** Tasks by logical id, then id: the order problems are listed in. */
function byIdentity(tasks: Record<string, SeenTask>): [string, SeenTask][] {
  const key = ([id, task]: [string, SeenTask]) => `${task.logicalId}\u0000${id}`;
  return Object.entries(tasks).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function serverProblems(saved: PlanBasis, now: PlanBasis): string[] {
  const problems: string[] = [];
  for (const [id, task] of byIdentity(saved.tasks)) {
    const current = now.tasks[id];
    if (current === undefined) {
      problems.push(`${taskLabel(id, task)} was archived, deleted or released since the plan was made`);
    } else if (current.hash !== task.hash) {
      problems.push(`${taskLabel(id, task)} was modified on the server since the plan was made`);
    }
  }
  for (const [id, task] of byIdentity(now.tasks).filter(([taskId]) => !(taskId in saved.tasks))) {
    problems.push(`${taskLabel(id, task)} appeared since the plan was made (another deploy?)`);
  }
  for (const [name, hash] of Object.entries(now.projects).filter(([n, h]) => saved.projects[n] !== h)) {
    problems.push(`project ${name} ${hash === null ? 'was deleted' : saved.projects[name] === null || saved.projects[name] === undefined ? 'was created' : 'was modified'} since the plan was made`);
  }
  for (const [name, id] of Object.entries(now.queues).filter(([n, i]) => saved.queues[n] !== i)) {
    problems.push(`queue ${name} ${id === null ? 'was deleted' : 'was created or replaced'} since the plan was made`);
  }
  return problems;
}

/**
 * Why `saved` cannot be applied to `pipelines` on a server that now holds `observed`; empty
 * when it can.
 */
export function savedPlanProblems(saved: SavedPlan, pipelines: readonly PipelineManifest[], observed: ObservedState): string[] {
  const now = planBasis(pipelines, observed);
  const manifests = manifestProblems(saved.basis, now);
  return manifests.length > 0 ? manifests : serverProblems(saved.basis, now);
}

function outdated(problems: readonly string[], file: string): DeployError {
  return new DeployError('PlanOutdated', `The saved plan ${file} no longer applies; nothing was written:\n`
    + `${problems.map((p) => `  - ${p}`).join('\n')}\nMake a new plan (cdk-style diff --out ${file}), review it, and deploy that.`);
}

function checkBasis(saved: SavedPlan, pipelines: readonly PipelineManifest[], observed: ObservedState, file: string): void {
  const problems = savedPlanProblems(saved, pipelines, observed);
  if (problems.length > 0) {
    throw outdated(problems, file);
  }
}

/** Options of {@link deploySavedPlan}. */
export interface SavedPlanDeployOptions extends ApplyOptions {
  /**
   * Deploy lock settings.
   * @default those of deploy
   */
  readonly lease?: LeaseOptions;
}

/**
 * Deploys exactly `saved`: takes the pipelines' deploy locks, reads the server again under them,
 * refuses (`PlanOutdated`, nothing written) when anything the plan was computed from moved, else
 * applies the plan. A write that a dead lock holder left half done shows up as moved objects.
 * @param file the plan's file name, for messages
 */
export async function deploySavedPlan(
  client: DeployClient, saved: SavedPlan, pipelines: readonly PipelineManifest[], file: string, options: SavedPlanDeployOptions = {},
): Promise<DeployResult> {
  const manifests = manifestProblems(saved.basis, planBasis(pipelines, { projects: [], tasks: [] }));
  if (manifests.length > 0) {
    throw outdated(manifests, file);
  }
  // Checked once before taking the locks, so a plan that moved is refused with no write at all,
  // then again under them, so nothing moves between the check and the apply.
  const first = await observe(client, pipelines, { locks: true });
  checkBasis(saved, pipelines, first, file);
  refuseAdoptedScriptDagChanges(computePlan(pipelines, first));
  return withLease(client, pipelines.map((p) => p.id), first.locks, { command: 'deploy', ...options.lease }, async (locked) => {
    const observed = await observe(locked, pipelines);
    checkBasis(saved, pipelines, observed, file);
    const planned = computePlan(pipelines, observed);
    if (canonicalJson(planToJson(planned)) !== canonicalJson(saved.plan)) {
      throw outdated(['the plan computed again differs from the saved one (was it edited, or made by another cdk-style version?)'], file);
    }
    if (!planHasWrites(planned, false)) {
      return { plan: planned, observed, noChanges: true, pipelines: knownIds(planned, observed) };
    }
    const missing = planned.queues.filter((q) => q.status === 'missing').map((q) => q.name);
    if (missing.length > 0 && !options.createQueues) {
      throw missingQueuesError(missing);
    }
    const applied = await apply(locked, planned, { ...options, prune: false });
    return { plan: planned, observed, noChanges: false, applied, pipelines: applied.pipelines };
  });
}
