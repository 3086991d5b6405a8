/**
 * The name of a new pipeline run: `<pipeline> #N`, numbered by the rule the server's
 * `pipelines.start_pipeline` applies: N counts the controllers of that name in the controller's
 * project (the deployed draft and every earlier run) and the new run itself, which the server has
 * already saved when it counts; so the first run is `#2` however it is started, and runs started
 * here and by the server number on without gaps. N also stays above every number already used,
 * so deleted runs never make two runs share a name.
 * The server's `pipelines.start_pipeline` names a run after its project's last path part, which
 * is the pipeline name only for a controller in `<project>/.pipelines/<name>`; this names it
 * after the controller, so a seed-made controller's runs are `my_pipeline #N` too.
 */
import { exactNamePattern } from './exact-name';

/** The one read {@link nextRunName} makes. */
export interface RunNameReader {
  /** Reads every page of a `get_all` endpoint. */
  getAll<T>(endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]>;
}

/** The next run name of `controller`. */
export async function nextRunName(client: RunNameReader, controller: { readonly name: string; readonly project?: string }): Promise<string> {
  const existing = await client.getAll<{ name: string }>('tasks.get_all', {
    project: controller.project === undefined ? undefined : [controller.project], type: ['controller'], search_hidden: true,
    name: exactNamePattern(controller.name, '( #\\d+)?'), only_fields: ['name'],
  }, 'tasks');
  const numbers = existing.map((t) => Number(/ #(\d+)$/.exec(t.name)?.[1] ?? 0));
  return `${controller.name} #${Math.max(existing.length, ...numbers) + 1}`;
}
