/**
 * The deploy and diff flows: observe → plan → (approve) → apply. A deploy whose plan holds no
 * writes stops after the first reads: one login, one projects read, one tasks read.
 */
import { PipelineManifest } from '../manifest/schema';
import { apply, ApplyOptions, ApplyResult, AppliedPipeline } from './apply';
import { DeployClient } from './client';
import { archiveStrayDuplicates } from './converge';
import { refuseAdoptedScriptDagChanges } from './adopted-dag';
import { DeployError, missingQueuesError } from './errors';
import { LeaseOptions, withLease } from './lease';
import { observe, observeQueues, declaredQueues, ObservedState } from './observe';
import { plan } from './plan';
import { Plan, planHasWrites } from './plan-model';

/** Options of {@link deploy}. */
export interface DeployOptions extends ApplyOptions {
  /**
   * Plan only: read, compute the plan, write nothing.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Asked once, with the plan, before the first write; returning false stops the deploy with
   * `ApprovalDenied`.
   * @default every plan is approved
   */
  readonly approve?: (plan: Plan) => Promise<boolean>;
  /**
   * How the pipelines' deploy locks are taken (time to live, how long to wait, `forceUnlock`).
   * @default a 60 s time to live, waiting up to 10 minutes for a live holder
   */
  readonly lease?: LeaseOptions;
}

/** What {@link deploy} did. */
export interface DeployResult {
  /** The plan that was (or, for a dry run, would be) executed. */
  readonly plan: Plan;
  /** The observed state the plan was computed from. */
  readonly observed: ObservedState;
  /** True when the plan held no writes: nothing was sent. */
  readonly noChanges: boolean;
  /** The apply result; undefined for a dry run or when there was nothing to do. */
  readonly applied?: ApplyResult;
  /** Ids of every pipeline after the deploy (for web UI links); ids of objects not created yet are absent. */
  readonly pipelines: Partial<AppliedPipeline>[];
}

/** Ids of each pipeline as the plan already knows them (existing objects only). */
export function knownIds(planned: Plan, observed: ObservedState): Partial<AppliedPipeline>[] {
  const projectIds = new Map(observed.projects.map((p) => [p.name, p.id]));
  return planned.pipelines.map((p) => {
    const draftIds: Record<string, string> = {};
    const draftProjectIds: Record<string, string> = {};
    for (const step of p.steps) {
      const name = step.nodeName as string;
      if (step.taskId !== undefined && step.kind !== 'replace') {
        draftIds[name] = step.taskId;
      }
      const projectId = projectIds.get(step.projectName ?? '');
      if (projectId !== undefined) {
        draftProjectIds[name] = projectId;
      }
    }
    const controllerId = p.controller.kind === 'replace' ? undefined : p.controller.taskId;
    const projectId = projectIds.get(p.controller.projectName ?? '');
    return { id: p.id, name: p.name, projectId, controllerId, draftIds, draftProjectIds };
  });
}

/** Observes everything (queues included) and plans: what `diff` shows. */
export async function diff(client: DeployClient, pipelines: readonly PipelineManifest[]): Promise<{ plan: Plan; observed: ObservedState }> {
  const observed = await observe(client, pipelines);
  return { plan: plan(pipelines, observed), observed };
}

function noChangesResult(planned: Plan, observed: ObservedState): DeployResult {
  return { plan: planned, observed, noChanges: true, pipelines: knownIds(planned, observed) };
}

/**
 * Deploys `pipelines`: observe (the projects and the pipelines' deploy locks, then the tasks) and
 * plan. A plan with no writes ends there: read only, no lock. Otherwise take the pipelines' locks;
 * when someone wrote since the first read (or a dead holder's lock was taken over), observe again;
 * read the queues (a missing one fails unless `createQueues`), ask for approval, apply, archive
 * stray duplicates after a takeover, and release the locks.
 */
export async function deploy(client: DeployClient, pipelines: readonly PipelineManifest[], options: DeployOptions = {}): Promise<DeployResult> {
  const prune = options.prune ?? false;
  const firstRead = await observe(client, pipelines, { queues: false, locks: !options.dryRun });
  const firstPlan = plan(pipelines, firstRead);
  if (!planHasWrites(firstPlan, prune)) {
    return noChangesResult(firstPlan, firstRead);
  }
  if (options.dryRun) {
    const observed: ObservedState = { ...firstRead, queues: await observeQueues(client, declaredQueues(pipelines)) };
    const planned = plan(pipelines, observed);
    return { plan: planned, observed, noChanges: false, pipelines: knownIds(planned, observed) };
  }
  refuseAdoptedScriptDagChanges(firstPlan); // before the locks: a refused deploy writes nothing at all
  const lease = { command: 'deploy', ...options.lease };
  return withLease(client, pipelines.map((p) => p.id), firstRead.locks, lease, async (locked, held) => {
    const observed: ObservedState = held.fresh
      ? { ...firstRead, queues: await observeQueues(locked, declaredQueues(pipelines)) }
      : await observe(locked, pipelines);
    return deployLocked(locked, pipelines, observed, held.tookOver, options);
  });
}

async function deployLocked(
  client: DeployClient, pipelines: readonly PipelineManifest[], observed: ObservedState, tookOver: boolean, options: DeployOptions,
): Promise<DeployResult> {
  const planned = plan(pipelines, observed);
  if (!planHasWrites(planned, options.prune ?? false)) {
    return noChangesResult(planned, observed);
  }
  const missing = planned.queues.filter((q) => q.status === 'missing').map((q) => q.name);
  if (missing.length > 0 && !options.createQueues) {
    throw missingQueuesError(missing);
  }
  if (options.approve !== undefined && !(await options.approve(planned))) {
    throw new DeployError('ApprovalDenied', 'Deploy cancelled: the changes were not approved. Nothing was written.');
  }
  const applied = await apply(client, planned, options);
  if (!tookOver) {
    return { plan: planned, observed, noChanges: false, applied, pipelines: applied.pipelines };
  }
  const strays = await archiveStrayDuplicates(client, pipelines, applied.pipelines);
  strays.forEach((event) => options.onEvent?.(event));
  return { plan: planned, observed, noChanges: false, applied: { ...applied, events: [...applied.events, ...strays] }, pipelines: applied.pipelines };
}
