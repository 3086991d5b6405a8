/**
 * The pipeline engine: drives one run the way ClearML's PipelineController does. Nodes whose
 * parents completed are launched (clone + enqueue); every running step is polled with one
 * batched read per interval (fast right after a launch, slower while steps run); node states are
 * written back to the run's `Pipeline` configuration so the web UI shows progress; a failed step
 * skips its descendants and, unless it is `continue_on_fail`, stops the run.
 */
import { createHash } from 'node:crypto';
import { RunClient } from './client';
import { enqueueNode, launchNode, modelUris } from './launch';
import { PollSchedule, PollOptions } from './poll-schedule';
import { ReferenceScope } from './references';
import { RunNode, RunState, allEnded, loadRun } from './run-state';
import { RunSnapshot, snapshotOf } from './snapshot';
import { StepTask, STEP_TASK_FIELDS, isFinal, nodeStatusOf } from './task-view';
import { writeDag } from './write-back';

/** Options of {@link executeRun}. */
export interface ExecuteOptions {
  /** Polling intervals. @default 100 ms after a launch, growing to 800 ms */
  readonly poll?: PollOptions;
  /** Aborting it stops the run (see `stopStepsOnAbort`). @default never aborted */
  readonly signal?: AbortSignal;
  /** Stop the launched steps when `signal` aborts (a function is asked at that moment). @default true */
  readonly stopStepsOnAbort?: boolean | (() => boolean);
  /** Why the run stops when `signal` aborts (stored as the run's status reason). @default 'stopped by the user' */
  readonly stopReason?: () => string;
  /** Called after every change of a node or of the run. @default none */
  readonly onUpdate?: (snapshot: RunSnapshot) => void;
  /** Steps launched at once. @default 16 */
  readonly launchConcurrency?: number;
  /** Launch again the steps that ended failed or stopped (resume). @default false */
  readonly retryEnded?: boolean;
}

/** How a run ended. */
export interface RunOutcome {
  /** Final run status. */
  readonly status: 'completed' | 'failed' | 'stopped';
  /** Why, for failed or stopped runs. */
  readonly reason?: string;
  /** The final state. */
  readonly snapshot: RunSnapshot;
}

const RUNNING_STATES = new Set(['in_progress']);

class RunEngine {
  private halted?: string;
  /** The task status each stop was requested at, by task id. */
  private readonly stopRequested = new Map<string, string>();
  private readonly schedule: PollSchedule;

  public constructor(private readonly client: RunClient, private readonly state: RunState, private readonly options: ExecuteOptions) {
    this.schedule = new PollSchedule(options.poll);
  }

  public async run(): Promise<RunOutcome> {
    if (this.state.status === 'completed' || this.state.status === 'published') {
      return { status: 'completed', snapshot: snapshotOf(this.state, this.state.status) };
    }
    await this.markStarted();
    await this.enqueueAdopted();
    await this.settle();
    while (!allEnded(this.state)) {
      if (this.options.signal?.aborted) {
        return this.stop();
      }
      const launched = await this.launchReady();
      if (allEnded(this.state)) {
        break;
      }
      await this.schedule.wait(launched, this.options.signal);
      if (!this.options.signal?.aborted) {
        await this.poll();
        await this.settle();
      }
    }
    return this.finish();
  }

  /**
   * Marks the run started. Its runtime gets `_pipeline_hash` (and `version`) as the SDK's
   * controller writes them: the web UI links a run's steps only once the hash is there. A run
   * without the `pipeline` system tag (a seed-made controller's) gets it, as PipelineController
   * gives it to the task it runs in.
   */
  private async markStarted(): Promise<void> {
    if (this.state.runtime._pipeline_hash === undefined) {
      const hash = createHash('md5').update(this.state.dagText).digest('hex');
      const runtime = { ...this.state.runtime, _pipeline_hash: `${hash}:${this.state.version}`, version: this.state.version };
      const tagged = this.state.systemTags.includes('pipeline') ? {} : { system_tags: [...this.state.systemTags, 'pipeline'] };
      await this.client.call('tasks.edit', { task: this.state.id, force: true, runtime, ...tagged });
    }
    if (!RUNNING_STATES.has(this.state.status)) {
      await this.client.call('tasks.started', { task: this.state.id, force: true, status_reason: 'pipeline run by cdk-style' });
    }
    this.emit('in_progress');
  }

  /** Clones a previous controller made but did not enqueue (it died in between) are enqueued now, never cloned again. */
  private async enqueueAdopted(): Promise<void> {
    const unqueued = [...this.state.nodes.values()].filter((n) => n.task?.status === 'created');
    await Promise.all(unqueued.map(async (node) => {
      const queueId = this.state.queues.get(String(node.dag.queue));
      if (queueId !== undefined && node.task !== undefined) {
        await enqueueNode(this.client, node.task.id, queueId);
      }
    }));
  }

  private scope(uris: Map<string, string> = new Map()): ReferenceScope {
    const steps: Record<string, StepTask | undefined> = {};
    for (const node of this.state.nodes.values()) {
      steps[node.name] = node.status === 'completed' ? node.task : undefined;
    }
    return { pipelineArgs: this.state.args, steps, modelUri: (id) => uris.get(id) };
  }

  /** Skips nodes that can no longer run, adopts clones left unenqueued, then writes the DAG back. */
  private async settle(): Promise<void> {
    let changed = true;
    while (changed) {
      changed = false;
      for (const node of this.state.nodes.values()) {
        if (node.status !== 'pending') {
          continue;
        }
        const blocked = node.parents.find((p) => { const s = this.state.nodes.get(p)?.status; return s === 'failed' || s === 'aborted' || s === 'skipped'; });
        if (blocked !== undefined || this.halted !== undefined) {
          node.status = 'skipped';
          node.message = blocked !== undefined ? `skipped: parent '${blocked}' did not complete` : `skipped: ${this.halted}`;
          changed = true;
        }
      }
    }
    await this.write();
  }

  private ready(): RunNode[] {
    if (this.halted !== undefined) {
      return [];
    }
    return [...this.state.nodes.values()].filter((n) => n.status === 'pending' && n.parents.every((p) => this.state.nodes.get(p)?.status === 'completed'));
  }

  private async launchReady(): Promise<boolean> {
    const ready = this.ready();
    if (ready.length === 0) {
      return false;
    }
    const scope = this.scope(await modelUris(this.client, ready, this.scope().steps));
    const limit = this.options.launchConcurrency ?? 16;
    for (let i = 0; i < ready.length; i += limit) {
      await Promise.all(ready.slice(i, i + limit).map((node) => this.launch(node, scope)));
    }
    await this.settle();
    return true;
  }

  private async launch(node: RunNode, scope: ReferenceScope): Promise<void> {
    const result = await launchNode(this.client, this.state, node, scope);
    if ('failure' in result) {
      node.status = 'failed';
      node.message = result.failure;
      this.onFailure(node);
      return;
    }
    node.task = { id: result.taskId, name: node.name, status: 'queued' };
    node.status = 'queued';
  }

  private onFailure(node: RunNode): void {
    if (!node.continueOnFail && this.halted === undefined) {
      const why = node.message ?? (node.task?.status_message || node.task?.status_reason || undefined);
      this.halted = `step '${node.name}' ${node.status === 'aborted' ? 'was stopped' : 'failed'}${why !== undefined ? ` (${why})` : ''}`;
    }
  }

  private async poll(): Promise<void> {
    const active = [...this.state.nodes.values()].filter((n) => n.task !== undefined && !isFinal(n.status));
    if (active.length === 0) {
      return;
    }
    const tasks = await this.client.getAll<StepTask>('tasks.get_all', { id: active.map((n) => n.task?.id), search_hidden: true, only_fields: STEP_TASK_FIELDS }, 'tasks');
    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const node of active) {
      const task = byId.get(node.task?.id ?? '');
      if (task !== undefined) {
        this.observe(node, task);
      }
    }
    if (this.halted !== undefined) {
      await this.stopSteps(active.filter((n) => !isFinal(n.status)), this.halted);
    }
  }

  private observe(node: RunNode, task: StepTask): void {
    node.task = task;
    const status = nodeStatusOf(task.status);
    if (status !== node.status) {
      node.status = status;
      this.schedule.changed();
      if (status === 'failed' || status === 'aborted') {
        this.onFailure(node);
      }
    }
  }

  /**
   * Asks each step to stop, once per status it is seen in: a step stopped while queued that an
   * agent had already popped may still start afterwards, and is then asked again.
   */
  private async stopSteps(nodes: readonly RunNode[], reason: string): Promise<void> {
    const fresh = nodes.filter((n) => this.stopRequested.get(n.task?.id ?? '') !== n.task?.status);
    fresh.forEach((n) => this.stopRequested.set(n.task?.id ?? '', n.task?.status ?? ''));
    await Promise.all(fresh.map((n) => this.client.call('tasks.stop', { task: n.task?.id, force: true, status_reason: reason, status_message: `stopped: ${reason}` }).catch(() => undefined)));
  }

  private async write(): Promise<void> {
    if (await writeDag(this.client, this.state)) {
      this.emit('in_progress');
    }
  }

  private emit(status: string): void {
    this.options.onUpdate?.(snapshotOf(this.state, status));
  }

  private async stop(): Promise<RunOutcome> {
    const reason = this.options.stopReason?.() ?? 'stopped by the user';
    const stopSteps = this.options.stopStepsOnAbort ?? true;
    if (typeof stopSteps === 'function' ? stopSteps() : stopSteps) {
      await this.stopSteps([...this.state.nodes.values()].filter((n) => n.task !== undefined && !isFinal(n.status)), reason);
    }
    await writeDag(this.client, this.state);
    await this.client.call('tasks.stopped', { task: this.state.id, force: true, status_reason: reason, status_message: reason });
    this.emit('stopped');
    return { status: 'stopped', reason, snapshot: snapshotOf(this.state, 'stopped') };
  }

  private async finish(): Promise<RunOutcome> {
    await this.write();
    if (this.halted === undefined) {
      await this.client.call('tasks.completed', { task: this.state.id, force: true, status_reason: 'every step ended' });
      this.emit('completed');
      return { status: 'completed', snapshot: snapshotOf(this.state, 'completed') };
    }
    const reason = `Pipeline step failed: ${this.halted}`;
    await this.client.call('tasks.failed', { task: this.state.id, force: true, status_reason: reason.slice(0, 250), status_message: reason.slice(0, 250) });
    this.emit('failed');
    return { status: 'failed', reason, snapshot: snapshotOf(this.state, 'failed') };
  }
}

/**
 * Executes run `runId` (a controller clone holding a `Pipeline` configuration) until every node
 * ended or `signal` aborts. State is read from the server first, so the same call resumes a run
 * whose controller died: launched steps are adopted, completed ones are not rerun.
 */
export async function executeRun(client: RunClient, runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  const state = await loadRun(client, runId, options.retryEnded ?? false);
  return new RunEngine(client, state, options).run();
}
