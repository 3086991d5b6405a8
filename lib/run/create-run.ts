/**
 * A new run: a clone of the deployed controller, as `pipelines.start_pipeline` makes it (named
 * `<pipeline> #N`, the given `Args` values). `run --local` drives it in this process; for a
 * controller outside `<project>/.pipelines/<name>` (an adopted seed controller, which the server
 * would name after its project) `run` enqueues the clone itself.
 */
import { RunClient, outcomeUnknown } from './client';
import { exactNamePattern } from '../clearml/exact-name';
import { nextRunName } from '../clearml/run-name';

/** A pipeline parameter value of the run. */
export interface RunParameter {
  /** Name (without `Args/`). */
  readonly name: string;
  /** Value as text. */
  readonly value: string;
}

interface ControllerTask {
  readonly id: string;
  readonly name: string;
  readonly project?: string;
  readonly hyperparams?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The controller's hyperparameters with the run's `Args` values in place. */
export function withArgs(hyperparams: ControllerTask['hyperparams'], args: readonly RunParameter[]): Record<string, Record<string, Record<string, unknown>>> {
  const result = { ...(hyperparams ?? {}) };
  const section = { ...(result.Args ?? {}) };
  for (const arg of args) {
    section[arg.name] = { ...(section[arg.name] ?? {}), section: 'Args', name: arg.name, value: arg.value };
  }
  if (args.length > 0) {
    result.Args = section;
  }
  return result;
}

/** Creates the run task (a clone of `controllerId` with `args`) and returns its id. */
export async function createLocalRun(client: RunClient, controllerId: string, args: readonly RunParameter[]): Promise<string> {
  const [controller] = await client.getAll<ControllerTask>('tasks.get_all', {
    id: [controllerId], search_hidden: true, only_fields: ['id', 'name', 'project', 'hyperparams'],
  }, 'tasks');
  if (controller === undefined) {
    throw new Error(`Controller ${controllerId} does not exist`);
  }
  const name = await nextRunName(client, controller);
  const body = { task: controllerId, new_task_name: name, new_task_parent: controllerId, new_task_hyperparams: withArgs(controller.hyperparams, args) };
  try {
    return (await client.call<{ id: string }>('tasks.clone', body)).id;
  } catch (error) {
    if (!outcomeUnknown(error)) {
      throw error;
    }
    const found = await client.getAll<{ id: string }>('tasks.get_all', { parent: [controllerId], name: exactNamePattern(name), search_hidden: true, only_fields: ['id'] }, 'tasks');
    if (found.length === 0) {
      throw error;
    }
    return found[found.length - 1].id;
  }
}

