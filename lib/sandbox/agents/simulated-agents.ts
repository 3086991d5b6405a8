/**
 * Starting and stopping the sandbox's simulated agents: workers for the step queues and a
 * services agent that runs enqueued pipeline controllers with the cdk-style engine.
 */
import { ClearmlClient } from '../../clearml/client';
import { executeRun } from '../../run/engine';
import { SandboxConnection, agentClient } from './agent-client';
import { SimulatedAgentsOptions, behaviourOf } from './options';
import { PoppedTask } from './simulated-step';
import { WorkerSpec, runSimulatedWorker } from './simulated-worker';

/** Running simulated agents. */
export interface SimulatedAgents {
  /** Worker ids, e.g. `simulated-worker:oneshot-a100x1:0` and `simulated-services-agent`. */
  readonly workers: readonly string[];
  /** Stops every agent (steps in flight are left as they are) and resolves when they unregistered. */
  stop(): Promise<void>;
}

const SERVICES = 'services';

function servicesExecutor(options: SimulatedAgentsOptions): WorkerSpec['execute'] {
  return async (client: ClearmlClient, task: PoppedTask, signal: AbortSignal) => {
    await client.call('tasks.started', { task: task.id, status_reason: 'started by simulated-services-agent' });
    await executeRun(client, task.id, { ...(options.engine ?? {}), signal, stopStepsOnAbort: false, stopReason: () => 'the simulated services agent stopped' });
  };
}

function specs(options: SimulatedAgentsOptions, queues: ReadonlyArray<{ id: string; name: string }>): WorkerSpec[] {
  const served = options.queues ?? queues.map((q) => q.name).filter((n) => n !== SERVICES);
  const base = { idlePollMs: options.idlePollMs ?? 25, modelRoot: options.modelRoot ?? 'file:///tmp/cdk-style-sandbox/models' };
  const result: WorkerSpec[] = [];
  for (const queue of queues.filter((q) => served.includes(q.name))) {
    for (let i = 0; i < (options.workersPerQueue ?? 4); i += 1) {
      result.push({ ...base, id: `simulated-worker:${queue.name}:${i}`, queue, behaviour: (task) => behaviourOf(options, queue.name, task.name) });
    }
  }
  const services = queues.find((q) => q.name === SERVICES);
  if ((options.services ?? true) && services !== undefined) {
    result.push({ ...base, id: 'simulated-services-agent', queue: services, behaviour: () => ({}), execute: servicesExecutor(options) });
  }
  return result;
}

/** Starts the simulated agents against the sandbox at `sandbox`. */
export async function startSimulatedAgents(sandbox: SandboxConnection, options: SimulatedAgentsOptions = {}): Promise<SimulatedAgents> {
  const lister = agentClient(sandbox, 'simulated-agents');
  const queues = await lister.getAll<{ id: string; name: string }>('queues.get_all', { only_fields: ['id', 'name'] }, 'queues');
  await lister.close();
  const controller = new AbortController();
  const all = specs(options, queues);
  const loops = all.map((spec) => runSimulatedWorker(sandbox, spec, controller.signal));
  return {
    workers: all.map((s) => s.id),
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
    },
  };
}
