/**
 * Starting and stopping the sandbox's simulated agents: workers for the step queues and a
 * services agent that runs enqueued pipeline controllers with the cdk-style engine (and any other
 * task put on `services`, such as an HPO step's optimizer, as a simulated step).
 */
import { setMaxListeners } from 'node:events';
import { ClearmlClient } from '../../clearml/client';
import { executeRun } from '../../run/engine';
import { SandboxConnection, agentClient, pause } from './agent-client';
import { SimulatedAgentsOptions, behaviourOf } from './options';
import { PoppedTask } from './simulated-step';
import { WorkerSpec, runSimulatedWorker } from './simulated-worker';

/** Running simulated agents. */
export interface SimulatedAgents {
  /** Worker ids, e.g. `simulated-worker:oneshot-a100x1:0` and `simulated-services-agent:0`. */
  readonly workers: readonly string[];
  /** Stops every agent (steps in flight are left as they are) and resolves when they unregistered. */
  stop(): Promise<void>;
}

const SERVICES = 'services';

/** Controllers the services agent runs at once (clearml-agent --services-mode runs several). */
const SERVICES_SLOTS = 2;

/** The services agent's way with a popped task: controllers run with the engine; anything else is left to the simulation. */
function servicesExecutor(options: SimulatedAgentsOptions): WorkerSpec['execute'] {
  return async (client: ClearmlClient, task: PoppedTask, signal: AbortSignal) => {
    if (task.type !== 'controller') {
      return false;
    }
    await client.call('tasks.started', { task: task.id, status_reason: 'started by simulated-services-agent' });
    await executeRun(client, task.id, { ...(options.engine ?? {}), signal, stopStepsOnAbort: false, stopReason: () => 'the simulated services agent stopped' });
    return true;
  };
}

function specs(options: SimulatedAgentsOptions, queues: ReadonlyArray<{ id: string; name: string }>): WorkerSpec[] {
  const served = options.queues ?? queues.map((q) => q.name).filter((n) => n !== SERVICES);
  const base = { idlePollMs: options.idlePollMs ?? 25, idlePollMaxMs: options.idlePollMaxMs ?? 250, modelRoot: options.modelRoot ?? 'file:///tmp/cdk-style-sandbox/models' };
  const result: WorkerSpec[] = [];
  for (const queue of queues.filter((q) => served.includes(q.name))) {
    for (let i = 0; i < (options.workersPerQueue ?? 4); i += 1) {
      result.push({ ...base, id: `simulated-worker:${queue.name}:${i}`, queue, behaviour: (task) => behaviourOf(options, queue.name, task.name) });
    }
  }
  const services = queues.find((q) => q.name === SERVICES);
  for (let i = 0; (options.services ?? true) && services !== undefined && i < SERVICES_SLOTS; i += 1) {
    result.push({ ...base, id: `simulated-services-agent:${i}`, queue: services, behaviour: (task) => behaviourOf(options, SERVICES, task.name), execute: servicesExecutor(options) });
  }
  return result;
}

/** How often the agents look for queues created after they started, in ms. */
const DISCOVER_EVERY_MS = 1000;

/**
 * Starts the simulated agents against the sandbox at `sandbox` and resolves once every one is
 * registered (`workers.get_all` lists them); queues created later get workers too.
 */
export async function startSimulatedAgents(sandbox: SandboxConnection, options: SimulatedAgentsOptions = {}): Promise<SimulatedAgents> {
  const lister = agentClient(sandbox, 'simulated-agents');
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const workers: string[] = [];
  const loops: Promise<void>[] = [];
  const served = new Set<string>();
  const discover = async (): Promise<void> => {
    const queues = await lister.getAll<{ id: string; name: string }>('queues.get_all', { only_fields: ['id', 'name'] }, 'queues');
    const started = specs(options, queues.filter((q) => !served.has(q.id))).map((spec) => {
      workers.push(spec.id);
      return runSimulatedWorker(sandbox, spec, controller.signal);
    });
    loops.push(...started.map((w) => w.done));
    queues.forEach((q) => served.add(q.id));
    await Promise.all(started.map((w) => w.registered));
  };
  await discover();
  const discovering = (async () => {
    while (!controller.signal.aborted) {
      await pause(DISCOVER_EVERY_MS, controller.signal);
      await discover().catch(() => undefined);
    }
  })();
  return {
    workers,
    stop: async () => {
      controller.abort();
      await discovering;
      await Promise.all(loops);
      await lister.close();
    },
  };
}
