/**
 * A new run for `run --local`: a clone of the deployed controller, as `pipelines.start_pipeline`
 * makes it (named `<pipeline> #N`, the given `Args` values), but not enqueued: the engine in this
 * process drives it.
 */
import { RunClient, outcomeUnknown } from './client';
import { exactNamePattern } from './exact-name';

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

/**
 * The run's name by the rule `pipelines.start_pipeline` applies on a ClearML server: the prefix
 * (the last part of the controller's project name) and the number of `pipeline` tasks in that
 * project named `<prefix>` or `<prefix> #N`, counting the new run itself (which the server has
 * already saved when it counts). The deployed controller is one of them, so the first run is
 * `#2` wherever it starts; a local run also stays above every number already used, so deleted
 * runs never make two runs share a name.
 */
async function runName(client: RunClient, controller: ControllerTask, projectName: string | undefined): Promise<string> {
  const prefix = projectName?.split('/').pop() ?? controller.name;
  const existing = await client.getAll<{ name: string }>('tasks.get_all', {
    project: controller.project === undefined ? undefined : [controller.project], system_tags: ['pipeline'], search_hidden: true,
    name: exactNamePattern(prefix, '( #\\d+)?'), only_fields: ['name'],
  }, 'tasks');
  const numbers = existing.map((t) => Number(/ #(\d+)$/.exec(t.name)?.[1] ?? 0));
  return `${prefix} #${Math.max(existing.length, ...numbers) + 1}`;
}

function withArgs(hyperparams: ControllerTask['hyperparams'], args: readonly RunParameter[]): Record<string, Record<string, Record<string, unknown>>> {
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
  const [project] = controller.project === undefined ? [] : await client.getAll<{ name: string }>('projects.get_all', {
    id: [controller.project], search_hidden: true, only_fields: ['name'],
  }, 'projects');
  const name = await runName(client, controller, project?.name);
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
