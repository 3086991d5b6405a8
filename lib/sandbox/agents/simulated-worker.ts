/**
 * A simulated worker: registers like clearml-agent (`workers.register`), asks its queue for work
 * (`queues.get_next_task`), reports status (`workers.status_report`), runs each popped task as a
 * simulated step, and unregisters when stopped.
 */
import { ClearmlClient } from '../../clearml/client';
import { agentClient, pause, SandboxConnection } from './agent-client';
import { SimulatedStepOptions } from './options';
import { PoppedTask, simulateStep } from './simulated-step';

/** What one worker serves and how. */
export interface WorkerSpec {
  /** Worker id, e.g. `simulated-worker:oneshot-a100x1:0`. */
  readonly id: string;
  /** Queue name and id. */
  readonly queue: { readonly name: string; readonly id: string };
  /** Poll interval right after a task, in ms. */
  readonly idlePollMs: number;
  /** Longest poll interval of an idle worker, in ms (doubling from `idlePollMs`). */
  readonly idlePollMaxMs: number;
  /** Model root URI. */
  readonly modelRoot: string;
  /** Behaviour of a popped step. */
  readonly behaviour: (task: PoppedTask) => SimulatedStepOptions;
  /**
   * Runs a popped task itself instead of simulating it (the services agent, for controllers);
   * resolves false for a task it does not run, which is then simulated like on any worker.
   * @default simulate every task
   */
  readonly execute?: (client: ClearmlClient, task: PoppedTask, signal: AbortSignal) => Promise<boolean>;
}

/** An idle worker reports its status this often (clearml-agent: every few seconds). */
const REPORT_EVERY_MS = 2000;

const TASK_FIELDS = ['id', 'name', 'type', 'project', 'status', 'status_message', 'script.entry_point', 'configuration'];

async function report(client: ClearmlClient, spec: WorkerSpec, task?: string): Promise<void> {
  await client.call('workers.status_report', { worker: spec.id, timestamp: Date.now(), task, queue: spec.queue.id, machine_stats: { cpu_usage: [0], memory_used: 0 } });
}

async function nextTask(client: ClearmlClient, spec: WorkerSpec): Promise<PoppedTask | undefined> {
  const next = await client.call<{ entry?: { task: string } }>('queues.get_next_task', { queue: spec.queue.id });
  if (next.entry === undefined) {
    return undefined;
  }
  const [task] = await client.getAll<PoppedTask>('tasks.get_all', { id: [next.entry.task], search_hidden: true, only_fields: TASK_FIELDS }, 'tasks');
  return task;
}

async function handle(client: ClearmlClient, spec: WorkerSpec, task: PoppedTask, signal: AbortSignal): Promise<void> {
  await report(client, spec, task.id);
  try {
    const executed = spec.execute !== undefined && await spec.execute(client, task, signal);
    if (!executed) {
      await simulateStep({ client, worker: spec.id, signal, pollMs: spec.idlePollMs, modelRoot: spec.modelRoot }, task, spec.behaviour(task));
    }
  } catch (error) {
    if (!signal.aborted) {
      await client.call('tasks.failed', { task: task.id, force: true, status_reason: 'simulated agent error', status_message: String((error as Error).message ?? error).slice(0, 250) }).catch(() => undefined);
    }
  }
}

/** The pause after `emptyPolls` empty polls in a row: doubling from `idlePollMs` up to `idlePollMaxMs`. */
export function idlePause(spec: Pick<WorkerSpec, 'idlePollMs' | 'idlePollMaxMs'>, emptyPolls: number): number {
  return Math.min(spec.idlePollMs * 2 ** Math.min(emptyPolls, 30), Math.max(spec.idlePollMs, spec.idlePollMaxMs));
}

/** A running simulated worker. */
export interface RunningWorker {
  /** Resolves once the worker is registered (or gave up: the sandbox went away). */
  readonly registered: Promise<void>;
  /** Resolves once it stopped and unregistered. */
  readonly done: Promise<void>;
}

/** Starts the worker; it runs until `signal` aborts. */
export function runSimulatedWorker(sandbox: SandboxConnection, spec: WorkerSpec, signal: AbortSignal): RunningWorker {
  let onRegistered: () => void = () => undefined;
  const registered = new Promise<void>((resolve) => {
    onRegistered = resolve;
  });
  const done = serve(sandbox, spec, signal, onRegistered).finally(onRegistered);
  return { registered, done };
}

async function serve(sandbox: SandboxConnection, spec: WorkerSpec, signal: AbortSignal, onRegistered: () => void): Promise<void> {
  const client = agentClient(sandbox, spec.id);
  try {
    await client.call('workers.register', { worker: spec.id, queues: [spec.queue.id], timeout: 600, tags: ['simulated'] });
    onRegistered();
    let reported = Date.now();
    let emptyPolls = 0;
    while (!signal.aborted) {
      const task = await nextTask(client, spec).catch(() => undefined);
      if (task === undefined) {
        if (Date.now() - reported >= REPORT_EVERY_MS) {
          reported = Date.now();
          await report(client, spec).catch(() => undefined);
        }
        await pause(idlePause(spec, emptyPolls), signal);
        emptyPolls += 1;
        continue;
      }
      emptyPolls = 0;
      await handle(client, spec, task, signal);
    }
    await client.call('workers.unregister', { worker: spec.id }).catch(() => undefined);
  } catch {
    // the sandbox went away: nothing left to serve
  } finally {
    await client.close();
  }
}
