/**
 * What apply reports as it writes: one event per object, in the order the writes finish.
 */

/** Outcome of one object. */
export type ApplyOutcome = 'created' | 'updated' | 'replaced' | 'adopted' | 'archived' | 'released' | 'unchanged';

/** One object written (or checked) by apply. */
export interface ApplyEvent {
  /** Kind of object. */
  readonly object: 'project' | 'queue' | 'task';
  /** What happened. */
  readonly outcome: ApplyOutcome;
  /** Display name (project path for projects). */
  readonly name: string;
  /** Server id. */
  readonly id: string;
  /** Pipeline the task belongs to (tasks only). */
  readonly pipelineId?: string;
  /** Logical id (tasks only). */
  readonly logicalId?: string;
  /** `step`, `controller`, `orphan` or `duplicate` (tasks only). */
  readonly role?: string;
  /** Project id of the task (tasks only; for web UI links). */
  readonly projectId?: string;
}

/** Receives apply events as they happen. */
export type ApplyListener = (event: ApplyEvent) => void;
