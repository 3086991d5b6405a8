/**
 * Reads the live ClearML state a plan needs, in a fixed, small number of requests: one
 * `projects.get_all` (exact names), one `tasks.get_all` (ownership tags) and, when asked, one
 * `queues.get_all` (exact names) — each paged by 500, so the count does not grow with the
 * number of steps below 500 objects.
 */
import { ContainerSpec, Configuration, HyperParams, PipelineManifest, ScriptSpec, pipelineTag } from '../manifest/schema';
import { DeployClient } from './client';
import { lockNamesRegex, ObservedLock } from './lease-record';
import { exactNamesRegex } from './name-regex';

export { escapeRegex, exactNamesRegex } from './name-regex';

/** A project as observed. */
export interface ObservedProject {
  /** Server id. */
  readonly id: string;
  /** Full path. */
  readonly name: string;
  /** System tags. */
  readonly system_tags: string[];
}

/** A task as observed, limited to the fields plan compares. */
export interface ObservedTask {
  /** Server id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Task type. */
  readonly type: string;
  /** Project id. */
  readonly project?: string;
  /** Parent task id: set on every clone (pipeline runs, launched steps), never on what deploy creates. */
  readonly parent?: string | null;
  /** Status, e.g. `created`. */
  readonly status: string;
  /** Creation time (ISO 8601). */
  readonly created?: string;
  /** Comment. */
  readonly comment?: string;
  /** User tags. */
  readonly tags?: string[];
  /** System tags. */
  readonly system_tags?: string[];
  /** Script block (the server may add keys). */
  readonly script?: Partial<ScriptSpec>;
  /** Container block. */
  readonly container?: Partial<ContainerSpec>;
  /** Hyperparameters. */
  readonly hyperparams?: HyperParams;
  /** Configuration objects. */
  readonly configuration?: Configuration;
  /** Output settings (`destination` is what `output_dest` writes). */
  readonly output?: { readonly destination?: string };
  /** Runtime properties. */
  readonly runtime?: Record<string, string>;
}

/** A queue as observed. */
export interface ObservedQueue {
  /** Server id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
}

/** Everything observe read. */
export interface ObservedState {
  /** Projects whose names the manifests declare. */
  readonly projects: ObservedProject[];
  /** Live (non-archived), parentless tasks carrying the ownership tag of one of the pipelines. */
  readonly tasks: ObservedTask[];
  /** Queues whose names the manifests reference, or undefined when they were not read. */
  readonly queues?: ObservedQueue[];
  /** The pipelines' deploy locks as read before the tasks, or undefined when they were not read. */
  readonly locks?: ObservedLock[];
}

/** Options of {@link observe}. */
export interface ObserveOptions {
  /**
   * Read the referenced queues too (one more request).
   * @default true
   */
  readonly queues?: boolean;
  /**
   * Read the pipelines' deploy locks too, in the same request as the projects and before the
   * tasks (what a deploy needs to know that nothing was written since, once it holds them).
   * @default false
   */
  readonly locks?: boolean;
}

/** Task fields read by observe (`only_fields`). */
export const OBSERVED_TASK_FIELDS = [
  'id', 'name', 'type', 'project', 'parent', 'status', 'created', 'comment', 'tags', 'system_tags',
  'script', 'container', 'hyperparams', 'configuration', 'output.destination', 'runtime',
];

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Reads projects by exact name (hidden ones included). */
export async function observeProjects(client: DeployClient, names: readonly string[]): Promise<ObservedProject[]> {
  return (await observeProjectsAndLocks(client, names, [])).projects;
}

/** Reads projects by exact name and the deploy locks of `pipelineIds`, in one paged read. */
export async function observeProjectsAndLocks(
  client: DeployClient, names: readonly string[], pipelineIds: readonly string[],
): Promise<{ projects: ObservedProject[]; locks: ObservedLock[] }> {
  const patterns = [...(names.length > 0 ? [exactNamesRegex(names)] : []), ...(pipelineIds.length > 0 ? [lockNamesRegex(pipelineIds)] : [])];
  if (patterns.length === 0) {
    return { projects: [], locks: [] };
  }
  const fields = ['id', 'name', 'system_tags', ...(pipelineIds.length > 0 ? ['description', 'last_update'] : [])];
  const found = await client.getAll<ObservedProject & ObservedLock>('projects.get_all', { name: patterns.join('|'), search_hidden: true, only_fields: fields }, 'projects');
  const wanted = new Set(names);
  const isLock = pipelineIds.length > 0 ? new RegExp(lockNamesRegex(pipelineIds)) : undefined;
  return {
    projects: found.filter((p) => wanted.has(p.name)).map((p) => ({ id: p.id, name: p.name, system_tags: p.system_tags ?? [] })),
    locks: found.filter((p) => isLock?.test(p.name) ?? false),
  };
}

/**
 * Reads the live tasks carrying any of `systemTags` (archived ones excluded), keeping only those
 * without a parent: clones made by runs copy our system tags but always get a parent.
 */
export async function observeTasksByTag(client: DeployClient, systemTags: readonly string[]): Promise<ObservedTask[]> {
  if (systemTags.length === 0) {
    return [];
  }
  const body = {
    system_tags: [...systemTags, '-archived'],
    parent: [null],
    search_hidden: true,
    only_fields: OBSERVED_TASK_FIELDS,
    order_by: ['created'],
  };
  const found = await client.getAll<ObservedTask>('tasks.get_all', body, 'tasks');
  return found.filter((t) => !t.parent && !(t.system_tags ?? []).includes('archived'));
}

/** Reads queues by exact name. */
export async function observeQueues(client: DeployClient, names: readonly string[]): Promise<ObservedQueue[]> {
  if (names.length === 0) {
    return [];
  }
  const body = { name: exactNamesRegex(names), only_fields: ['id', 'name'] };
  const found = await client.getAll<ObservedQueue>('queues.get_all', body, 'queues');
  const wanted = new Set(names);
  return found.filter((q) => wanted.has(q.name));
}

/** Project names the pipelines declare. */
export function declaredProjects(pipelines: readonly PipelineManifest[]): string[] {
  return unique(pipelines.flatMap((p) => p.projects.map((project) => project.name)));
}

/** Queue names the pipelines reference. */
export function declaredQueues(pipelines: readonly PipelineManifest[]): string[] {
  return unique(pipelines.flatMap((p) => p.queues));
}

/**
 * Reads everything a plan of `pipelines` needs. The reads run concurrently, except that with
 * `locks` the tasks are read only after the projects and locks.
 */
export async function observe(
  client: DeployClient, pipelines: readonly PipelineManifest[], options: ObserveOptions = {},
): Promise<ObservedState> {
  const pipelineIds = options.locks ? unique(pipelines.map((p) => p.id)) : [];
  const queues = options.queues === false ? Promise.resolve(undefined) : observeQueues(client, declaredQueues(pipelines));
  const projectsAndLocks = observeProjectsAndLocks(client, declaredProjects(pipelines), pipelineIds);
  const tasks = (options.locks ? projectsAndLocks : Promise.resolve())
    .then(() => observeTasksByTag(client, unique(pipelines.map((p) => pipelineTag(p.id)))));
  const [{ projects, locks }, observedTasks, observedQueues] = await Promise.all([projectsAndLocks, tasks, queues]);
  return { projects, tasks: observedTasks, queues: observedQueues, locks: options.locks ? locks : undefined };
}
