/**
 * Launching one node: resolve its references, then one `tasks.clone` carrying the name, parent,
 * project and merged hyperparameters, then `tasks.enqueue` on its queue. A clone whose outcome is
 * unknown is looked up by parent and name before anything is sent again.
 */
import { RunClient, outcomeUnknown } from './client';
import { exactNamePattern } from '../clearml/exact-name';
import { ReferenceScope, UnresolvedReference, modelsNeedingUrls, resolveReferences } from './references';
import { DraftTask, RunNode, RunState } from './run-state';
import { StepTask, STEP_TASK_FIELDS } from './task-view';

type Items = Record<string, Record<string, Record<string, unknown>>>;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The draft's hyperparameters with `overrides` (`Section/name` → value) applied, keeping each item's type. */
export function mergedHyperparams(draft: DraftTask | undefined, overrides: Record<string, string>): Items {
  const merged: Items = {};
  for (const [section, items] of Object.entries(draft?.hyperparams ?? {})) {
    merged[section] = { ...items };
  }
  for (const [key, value] of Object.entries(overrides)) {
    const slash = key.indexOf('/');
    const [section, name] = slash < 0 ? ['General', key] : [key.slice(0, slash), key.slice(slash + 1)];
    const existing = merged[section]?.[name] ?? {};
    merged[section] = { ...(merged[section] ?? {}), [name]: { ...existing, section, name, value } };
  }
  return merged;
}

function mergedConfiguration(draft: DraftTask | undefined, overrides: Record<string, string>): Record<string, Record<string, unknown>> {
  const merged = { ...(draft?.configuration ?? {}) };
  for (const [name, value] of Object.entries(overrides)) {
    merged[name] = { ...(merged[name] ?? { type: 'json' }), name, value };
  }
  return merged;
}

/** The node's parameter overrides with every reference resolved (throws {@link UnresolvedReference}). */
export function resolvedParameters(node: RunNode, scope: ReferenceScope): Record<string, string> {
  const raw = (node.dag.parameters ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, resolveReferences(text(v), scope)]));
}

async function findClone(client: RunClient, state: RunState, name: string): Promise<StepTask | undefined> {
  const found = await client.getAll<StepTask>('tasks.get_all', { parent: [state.id], name: exactNamePattern(name), search_hidden: true, only_fields: STEP_TASK_FIELDS }, 'tasks');
  return found.pop();
}

async function cloneNode(client: RunClient, state: RunState, node: RunNode, parameters: Record<string, string>): Promise<string> {
  const draft = state.drafts.get(String(node.dag.base_task_id));
  const configurations = (node.dag.configurations ?? {}) as Record<string, string>;
  const body: Record<string, unknown> = {
    task: node.dag.base_task_id, new_task_name: node.name, new_task_parent: state.id,
    new_task_hyperparams: mergedHyperparams(draft, parameters),
  };
  if (state.project !== undefined) {
    body.new_task_project = state.project;
  }
  if (Object.keys(configurations).length > 0) {
    body.new_task_configuration = mergedConfiguration(draft, configurations);
  }
  try {
    return (await client.call<{ id: string }>('tasks.clone', body)).id;
  } catch (error) {
    const existing = outcomeUnknown(error) ? await findClone(client, state, node.name) : undefined;
    if (existing === undefined) {
      throw error;
    }
    return existing.id;
  }
}

function dotted(overrides: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(overrides)) {
    const keys = path.split('.');
    let target = body;
    keys.slice(0, -1).forEach((k) => {
      target = (target[k] ??= {}) as Record<string, unknown>;
    });
    target[keys[keys.length - 1]] = value;
  }
  return body;
}

/** Enqueues the (cloned) task of `node` on `queueId`; an already queued task is left as it is. */
export async function enqueueNode(client: RunClient, taskId: string, queueId: string): Promise<void> {
  try {
    await client.call('tasks.enqueue', { task: taskId, queue: queueId, status_reason: 'launched by cdk-style run' });
  } catch (error) {
    const [task] = await client.getAll<StepTask>('tasks.get_all', { id: [taskId], only_fields: ['id', 'status'] }, 'tasks');
    if (task === undefined || task.status === 'created') {
      throw error;
    }
  }
}

/** Outcome of a launch: the task id, or why the node fails without a task. */
export type LaunchResult = { readonly taskId: string } | { readonly failure: string };

/** Launches `node`: resolves, clones (adopting a clone whose outcome was unknown), applies task overrides, enqueues. */
export async function launchNode(client: RunClient, state: RunState, node: RunNode, scope: ReferenceScope): Promise<LaunchResult> {
  let parameters: Record<string, string>;
  let queueName: string;
  try {
    parameters = resolvedParameters(node, scope);
    queueName = resolveReferences(text(node.dag.queue), scope);
  } catch (error) {
    if (error instanceof UnresolvedReference) {
      return { failure: `step '${node.name}': ${error.message}` };
    }
    throw error;
  }
  const queueId = state.queues.get(queueName);
  if (queueId === undefined) {
    return { failure: `step '${node.name}': queue '${queueName}' does not exist on this server (create it, or change the step's queue and redeploy)` };
  }
  const taskId = await cloneNode(client, state, node, parameters);
  const overrides = (node.dag.task_overrides ?? {}) as Record<string, unknown>;
  if (Object.keys(overrides).length > 0) {
    await client.call('tasks.edit', { task: taskId, force: true, ...dotted(overrides) });
  }
  await enqueueNode(client, taskId, queueId);
  return { taskId };
}

/** Model URIs `nodes` need for `.url` references, read in one request (empty when none). */
export async function modelUris(client: RunClient, nodes: readonly RunNode[], steps: ReferenceScope['steps']): Promise<Map<string, string>> {
  const values = nodes.flatMap((n) => Object.values((n.dag.parameters ?? {}) as Record<string, unknown>).map(text));
  const ids = modelsNeedingUrls(values, steps);
  if (ids.length === 0) {
    return new Map();
  }
  const models = await client.getAll<{ id: string; uri?: string }>('models.get_all', { id: ids, only_fields: ['id', 'uri'] }, 'models');
  return new Map(models.map((m) => [m.id, m.uri ?? '']));
}
