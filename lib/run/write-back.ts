/**
 * Writing node state back to the run's `Pipeline` configuration, in PipelineController's node
 * format (`status`, `executed`, `job_id`, `job_type`, `job_started`, `job_ended`), once per loop
 * and only when something changed.
 */
import { PIPELINE_CONFIGURATION_NAME } from '../clearml/render';
import { RunClient } from './client';
import { RunNode, RunState } from './run-state';
import { epochSeconds } from './task-view';

const lastWritten = new WeakMap<RunState, string>();

function applyNode(node: RunNode): void {
  const dag = node.dag as Record<string, unknown>;
  dag.status = node.status;
  dag.job_id = node.task?.id ?? null;
  if (node.task?.type !== undefined) {
    dag.job_type = node.task.type;
  }
  dag.job_started = epochSeconds(node.task?.started) ?? dag.job_started ?? null;
  const ended = node.status === 'completed' || node.status === 'failed' || node.status === 'aborted';
  dag.job_ended = ended ? epochSeconds(node.task?.completed ?? node.task?.status_changed) ?? dag.job_ended ?? null : null;
  dag.executed = node.status === 'completed' ? node.task?.id ?? null : node.status === 'failed' || node.status === 'aborted' ? false : null;
  dag.skip_job = node.status === 'skipped';
}

/** The `Pipeline` configuration text of `state` now. */
export function dagText(state: RunState): string {
  const dag: Record<string, unknown> = {};
  for (const node of state.nodes.values()) {
    applyNode(node);
    dag[node.name] = node.dag;
  }
  return JSON.stringify(dag, null, 2);
}

/** Writes the DAG when it changed since the last write; returns whether it wrote. */
export async function writeDag(client: RunClient, state: RunState): Promise<boolean> {
  const value = dagText(state);
  if (lastWritten.get(state) === value) {
    return false;
  }
  await client.call('tasks.edit_configuration', {
    task: state.id, force: true,
    configuration: [{ name: PIPELINE_CONFIGURATION_NAME, type: 'dictionary', value, description: state.dagDescription }],
  });
  lastWritten.set(state, value);
  return true;
}
