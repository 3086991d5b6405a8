/**
 * A run's state as shown to people (status command, live view, tests): one row per node.
 */
import { RunNode, RunState } from './run-state';
import { NodeStatus, epochSeconds } from './task-view';

/** One node as shown. */
export interface NodeSnapshot {
  /** Node name. */
  readonly name: string;
  /** State. */
  readonly status: NodeStatus;
  /** Queue name. */
  readonly queue: string;
  /** Parent node names. */
  readonly parents: readonly string[];
  /** Step task id, once launched. */
  readonly taskId?: string;
  /** Start (epoch seconds), once started. */
  readonly started?: number;
  /** End (epoch seconds), once ended. */
  readonly ended?: number;
  /** Failure or skip reason. */
  readonly message?: string;
}

/** A run as shown. */
export interface RunSnapshot {
  /** Run id. */
  readonly id: string;
  /** Run name. */
  readonly name: string;
  /** Project id of the run. */
  readonly project?: string;
  /** Run status (`in_progress`, `completed`, `failed`, `stopped`, ...). */
  readonly status: string;
  /** Nodes in DAG order. */
  readonly nodes: readonly NodeSnapshot[];
}

function nodeSnapshot(node: RunNode): NodeSnapshot {
  const started = epochSeconds(node.task?.started) ?? undefined;
  const ended = node.status === 'completed' || node.status === 'failed' || node.status === 'aborted'
    ? epochSeconds(node.task?.completed ?? node.task?.status_changed) ?? undefined : undefined;
  const message = node.message ?? (node.status === 'failed' || node.status === 'aborted' ? node.task?.status_message || node.task?.status_reason || undefined : undefined);
  return {
    name: node.name, status: node.status, queue: String(node.dag.queue ?? ''), parents: node.parents,
    taskId: node.task?.id, started, ended, message,
  };
}

/** The snapshot of `state` with run status `status`. */
export function snapshotOf(state: Pick<RunState, 'id' | 'name' | 'project' | 'nodes'>, status: string): RunSnapshot {
  return { id: state.id, name: state.name, project: state.project, status, nodes: [...state.nodes.values()].map(nodeSnapshot) };
}
