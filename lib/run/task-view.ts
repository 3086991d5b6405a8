/**
 * A step task as the engine reads it in its batched poll, and what it can tell: its state in
 * PipelineController's terms, its output models, parameters and artifacts.
 */

/** The fields of a step task the engine reads (one `tasks.get_all` per poll). */
export interface StepTask {
  /** Task id. */
  readonly id: string;
  /** Task name (the node name for clones made by a run). */
  readonly name?: string;
  /** ClearML task status. */
  readonly status: string;
  /** Status message (e.g. the failure reason). */
  readonly status_message?: string;
  /** Status reason. */
  readonly status_reason?: string;
  /** Task type (written to the node's `job_type`). */
  readonly type?: string;
  /** Start time (ISO). */
  readonly started?: string;
  /** End time (ISO). */
  readonly completed?: string;
  /** Last status change (ISO). */
  readonly status_changed?: string;
  /** Parent task id. */
  readonly parent?: string | null;
  /** Input and output models. */
  readonly models?: { readonly output?: ReadonlyArray<{ readonly name?: string; readonly model?: string }> };
  /** Hyperparameters by section and name. */
  readonly hyperparams?: Record<string, Record<string, { readonly value?: string }>>;
  /** Artifacts. */
  readonly execution?: { readonly artifacts?: ReadonlyArray<{ readonly key?: string; readonly uri?: string; readonly mode?: string }>; readonly queue?: string };
}

/** `only_fields` of the poll. */
export const STEP_TASK_FIELDS = [
  'id', 'name', 'status', 'status_message', 'status_reason', 'type', 'started', 'completed', 'status_changed', 'parent',
  'models.output', 'hyperparams', 'execution.artifacts', 'execution.queue',
];

/** A node status of PipelineController's `Pipeline` configuration. */
export type NodeStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'aborted' | 'skipped';

/** The node status a task status means. */
export function nodeStatusOf(taskStatus: string): NodeStatus {
  switch (taskStatus) {
    case 'created':
    case 'queued':
      return 'queued';
    case 'in_progress':
      return 'running';
    case 'completed':
    case 'closed':
    case 'published':
    case 'publishing':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'stopped':
      return 'aborted';
    default:
      return 'queued';
  }
}

/** True for the node statuses a node never leaves. */
export function isFinal(status: NodeStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'aborted' || status === 'skipped';
}

/** Epoch seconds of an ISO time, or null. */
export function epochSeconds(iso: string | undefined): number | null {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
}
