/**
 * What a simulated worker does with one task, in the order clearml-agent and the SDK under it
 * call the server: `tasks.started`, log lines with `events.add_batch`, an output model
 * (`models.create`, `tasks.add_or_update_model`, `models.edit` — what `OutputModel.update_weights`
 * sends), lm-eval scalars with `events.add_batch`, then `tasks.completed` or `tasks.failed`.
 */
import { ClearmlClient } from '../../clearml/client';
import { pause } from './agent-client';
import { MetricsFixture, SimulatedStepOptions } from './options';

/** The fields of a popped task the simulation reads. */
export interface PoppedTask {
  /** Task id. */
  readonly id: string;
  /** Task name (the node name for a run's step). */
  readonly name: string;
  /** Task type (`controller` for a pipeline run). */
  readonly type?: string;
  /** Project id. */
  readonly project?: string;
  /** Status. */
  readonly status: string;
  /** Status message (`stopping` when a stop was requested). */
  readonly status_message?: string;
  /** Script (its entry point tells an llm-compressor step). */
  readonly script?: { readonly entry_point?: string };
  /** Configuration objects (`lm_eval` tells an evaluation). */
  readonly configuration?: Record<string, { readonly value?: string }>;
}

/** Where the step runs. */
export interface StepContext {
  /** The worker's client. */
  readonly client: ClearmlClient;
  /** Worker id. */
  readonly worker: string;
  /** Aborted when the agents stop. */
  readonly signal: AbortSignal;
  /** How often a running step checks for a stop request, in ms. */
  readonly pollMs: number;
  /** Root of the `file://` model URIs. */
  readonly modelRoot: string;
}

/** The timestamp of the last log line sent: lines sent later never get an earlier one (a step may end within a millisecond). */
let lastLogTimestamp = 0;

function logEvents(task: PoppedTask, worker: string, lines: readonly string[]): Record<string, unknown>[] {
  const first = Math.max(Date.now(), lastLogTimestamp + 1);
  lastLogTimestamp = first + lines.length - 1;
  return lines.map((msg, i) => ({ type: 'log', task: task.id, timestamp: first + i, level: 'info', worker, msg }));
}

function hashFraction(text: string): number {
  let h = 2166136261;
  for (const c of text) {
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return (h % 1000) / 1000;
}

/** The default metrics of an lm-eval step: per task of its `lm_eval` configuration, a deterministic accuracy. */
export function defaultMetrics(task: PoppedTask): MetricsFixture | undefined {
  const text = task.configuration?.lm_eval?.value;
  if (text === undefined) {
    return undefined;
  }
  let names: string[] = ['lm_eval'];
  try {
    const tasks = (JSON.parse(text) as { tasks?: unknown }).tasks;
    names = (Array.isArray(tasks) ? tasks.map(String) : String(tasks ?? 'lm_eval').split(',')).map((t) => t.trim()).filter((t) => t !== '');
  } catch {
    // not JSON: one generic task
  }
  return Object.fromEntries(names.map((n) => [n, { 'acc,none': Number((0.3 + 0.6 * hashFraction(`${task.name}/${n}`)).toFixed(4)), 'acc_stderr,none': 0.01 }]));
}

function scalarEvents(task: PoppedTask, worker: string, metrics: MetricsFixture): Record<string, unknown>[] {
  const now = Date.now();
  const events: Record<string, unknown>[] = [];
  for (const [title, series] of Object.entries(metrics)) {
    for (const [metric, value] of Object.entries(series)) {
      events.push({ type: 'training_stats_scalar', task: task.id, timestamp: now, iter: 0, metric: title, variant: metric, value, worker });
      events.push({ type: 'training_stats_scalar', task: task.id, timestamp: now, iter: -(2 ** 31), metric: 'Summary', variant: `${title}/${metric}`, value, worker });
    }
  }
  return events;
}

async function registerModel(ctx: StepContext, task: PoppedTask): Promise<string> {
  const uploading = `${ctx.modelRoot}/uploading_file`;
  const { id } = await ctx.client.call<{ id: string }>('models.create', { uri: uploading, name: `${task.name} - simulated model`, labels: {}, project: task.project });
  await ctx.client.call('tasks.add_or_update_model', { task: task.id, name: `${task.name} - simulated model`, type: 'output', model: id });
  const uri = `${ctx.modelRoot}/${task.id}/model.safetensors`;
  await ctx.client.call('models.edit', { model: id, uri, name: `${task.name} - simulated model`, task: task.id, project: task.project, framework: 'PyTorch', iteration: 0 });
  return id;
}

/** Waits `ms` while watching for a stop request; true when the task was asked to stop. */
async function runFor(ctx: StepContext, task: PoppedTask, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end && !ctx.signal.aborted) {
    await pause(Math.min(ctx.pollMs, end - Date.now()), ctx.signal);
    const [now] = await ctx.client.getAll<PoppedTask>('tasks.get_all', { id: [task.id], only_fields: ['id', 'status', 'status_message'] }, 'tasks');
    if (now === undefined || now.status === 'stopped' || now.status_message === 'stopping') {
      return true;
    }
  }
  return ctx.signal.aborted;
}

/** Runs `task` as a simulated step with `behaviour`; resolves once its final status is sent. */
export async function simulateStep(ctx: StepContext, task: PoppedTask, behaviour: SimulatedStepOptions): Promise<void> {
  await ctx.client.call('tasks.started', { task: task.id, status_reason: `started by ${ctx.worker}` });
  await ctx.client.call('events.add_batch', logEvents(task, ctx.worker, [`[simulated] ${ctx.worker} running '${task.name}' (${task.id})`, `[simulated] entry point ${task.script?.entry_point ?? '(none)'}`]));
  if (await runFor(ctx, task, behaviour.durationMs ?? 0)) {
    await ctx.client.call('events.add_batch', logEvents(task, ctx.worker, ['[simulated] stop requested: aborting']));
    await ctx.client.call('tasks.stopped', { task: task.id, force: true, status_reason: 'aborted by the user', status_message: 'aborted' });
    return;
  }
  if (behaviour.failWith !== undefined) {
    await ctx.client.call('events.add_batch', logEvents(task, ctx.worker, [`[simulated] Traceback (most recent call last): ${behaviour.failWith}`]));
    await ctx.client.call('tasks.failed', { task: task.id, force: true, status_reason: behaviour.failWith.slice(0, 250), status_message: behaviour.failWith.slice(0, 250) });
    return;
  }
  if (behaviour.outputModel ?? /llmcompressor_script\.py$/.test(task.script?.entry_point ?? '')) {
    const model = await registerModel(ctx, task);
    await ctx.client.call('events.add_batch', logEvents(task, ctx.worker, [`[simulated] output model ${model} registered`]));
  }
  const metrics = behaviour.metrics ?? defaultMetrics(task);
  if (metrics !== undefined) {
    await ctx.client.call('events.add_batch', scalarEvents(task, ctx.worker, metrics));
  }
  await ctx.client.call('tasks.completed', { task: task.id, force: true, status_reason: 'completed by a simulated worker' });
}
