/**
 * Reading runs back for `status` and `--wait`: the recent runs of a pipeline, and one run's
 * steps (state, queue, duration, task, and for failed steps the last lines of their log).
 */
import { RunClient } from './client';
import { readRunNodes } from './run-state';
import { NodeSnapshot, RunSnapshot, snapshotOf } from './snapshot';
import { NodeStatus, epochSeconds } from './task-view';

/** One run in a pipeline's list. */
export interface RunSummary {
  /** Run id. */
  readonly id: string;
  /** Run name (`my_pipeline #3`). */
  readonly name: string;
  /** Run status. */
  readonly status: string;
  /** Start (epoch seconds). */
  readonly started?: number;
  /** End (epoch seconds). */
  readonly ended?: number;
}

/** A run with its status details, as `status --run` shows it. */
export interface RunReport extends RunSnapshot {
  /** Why it failed or stopped. */
  readonly reason?: string;
  /** Start (epoch seconds). */
  readonly started?: number;
  /** End (epoch seconds). */
  readonly ended?: number;
  /** Last log lines of each failed step, by node name. */
  readonly logs: Readonly<Record<string, readonly string[]>>;
}

interface RunRow { id: string; name: string; status: string; started?: string; completed?: string; created?: string }

/**
 * The latest `limit` runs of the deployed controller `controllerId` in project `projectId`, newest
 * first: its clones (a clone's parent is the controller it was made from), whether or not they
 * carry the `pipeline` system tag yet (a seed run gets it only when its controller starts).
 */
export async function recentRuns(client: RunClient, projectId: string, controllerId: string, limit = 10): Promise<RunSummary[]> {
  const data = await client.call<{ tasks: RunRow[] }>('tasks.get_all', {
    project: [projectId], parent: [controllerId], type: ['controller'], search_hidden: true, order_by: ['-created'], page: 0, page_size: limit,
    only_fields: ['id', 'name', 'status', 'started', 'completed', 'created'],
  });
  return data.tasks.slice(0, limit).map((t) => ({ id: t.id, name: t.name, status: t.status, started: epochSeconds(t.started) ?? undefined, ended: epochSeconds(t.completed) ?? undefined }));
}

async function lastLogLines(client: RunClient, taskId: string, lines: number): Promise<string[]> {
  try {
    const log = await client.call<{ events?: Array<{ msg?: string }> }>('events.get_task_log', { task: taskId, batch_size: lines, navigate_earlier: true });
    return (log.events ?? []).map((e) => String(e.msg ?? '')).reverse();
  } catch {
    return [];
  }
}

function withStoredStates(snapshot: RunSnapshot, stored: Map<string, unknown>): RunSnapshot {
  const nodes = snapshot.nodes.map((n): NodeSnapshot => (n.taskId === undefined && typeof stored.get(n.name) === 'string' ? { ...n, status: stored.get(n.name) as NodeStatus } : n));
  return { ...snapshot, nodes };
}

/** Reads run `runId` with its steps; failed steps get the last `logLines` lines of their log. */
export async function readRunReport(client: RunClient, runId: string, logLines = 10): Promise<RunReport> {
  const { run, nodes } = await readRunNodes(client, runId);
  const stored = new Map([...nodes.values()].map((n) => [n.name, n.dag.status]));
  const snapshot = withStoredStates(snapshotOf({ id: run.id, name: run.name, project: run.project, nodes }, run.status), stored);
  const failed = snapshot.nodes.filter((n) => (n.status === 'failed' || n.status === 'aborted') && n.taskId !== undefined);
  const logs = Object.fromEntries(await Promise.all(failed.map(async (n) => [n.name, await lastLogLines(client, n.taskId as string, logLines)] as const)));
  return { ...snapshot, reason: run.status_reason || undefined, started: epochSeconds(run.started) ?? undefined, ended: epochSeconds(run.completed) ?? undefined, logs };
}

/** True for run statuses a run never leaves by itself. */
export function runEnded(status: string): boolean {
  return ['completed', 'failed', 'stopped', 'closed', 'published'].includes(status);
}
