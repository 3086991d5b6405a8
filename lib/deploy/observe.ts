/**
 * Reads the live ClearML state a plan needs, in a fixed, small number of requests: one
 * `projects.get_all` (exact names), one `tasks.get_all` (ownership tags) and, when asked, one
 * `queues.get_all` (exact names) — each paged by 500, so the count does not grow with the
 * number of steps below 500 objects.
 */
import { ContainerSpec, Configuration, HyperParams, PipelineManifest, ScriptSpec, pipelineTag } from '../manifest/schema';
import { DeployClient } from './client';

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
}

/** Options of {@link observe}. */
export interface ObserveOptions {
  /**
   * Read the referenced queues too (one more request).
   * @default true
   */
  readonly queues?: boolean;
}

/** Task fields read by observe (`only_fields`). */
export const OBSERVED_TASK_FIELDS = [
  'id', 'name', 'type', 'project', 'parent', 'status', 'created', 'comment', 'tags', 'system_tags',
  'script', 'container', 'hyperparams', 'configuration', 'output.destination', 'runtime',
];

/** Escapes `text` for an exact-match regex understood by both MongoDB (PCRE) and JavaScript. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An anchored regex matching exactly one of `names`. */
export function exactNamesRegex(names: readonly string[]): string {
  return `^(${names.map(escapeRegex).join('|')})$`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Reads projects by exact name (hidden ones included). */
export async function observeProjects(client: DeployClient, names: readonly string[]): Promise<ObservedProject[]> {
  if (names.length === 0) {
    return [];
  }
  const body = { name: exactNamesRegex(names), search_hidden: true, only_fields: ['id', 'name', 'system_tags'] };
  const found = await client.getAll<ObservedProject>('projects.get_all', body, 'projects');
  const wanted = new Set(names);
  return found.filter((p) => wanted.has(p.name)).map((p) => ({ ...p, system_tags: p.system_tags ?? [] }));
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

/** Reads everything a plan of `pipelines` needs, the reads running concurrently. */
export async function observe(
  client: DeployClient, pipelines: readonly PipelineManifest[], options: ObserveOptions = {},
): Promise<ObservedState> {
  const [projects, tasks, queues] = await Promise.all([
    observeProjects(client, declaredProjects(pipelines)),
    observeTasksByTag(client, unique(pipelines.map((p) => pipelineTag(p.id)))),
    options.queues === false ? Promise.resolve(undefined) : observeQueues(client, declaredQueues(pipelines)),
  ]);
  return { projects, tasks, queues };
}
