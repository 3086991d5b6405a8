/**
 * Reads a pipeline from a ClearML server for `import`: the controller (by id, or by name and
 * project), its DAG (native `Pipeline` or seed `Steps` configuration), parameters, version and
 * every base task, in a handful of batched reads.
 */
import { DeployClient } from '../deploy/client';
import { exactNamesRegex, ObservedTask, OBSERVED_TASK_FIELDS } from '../deploy/observe';
import { ImportedNode, ImportedParameter, ImportedPipeline, ImportError, nodesFromPipelineConfig, nodesFromSeedSteps } from './model';

/** Which controller to import. */
export interface ImportSelector {
  /** Controller task id. */
  readonly id?: string;
  /** Pipeline (controller task) name. */
  readonly name?: string;
  /** Project of the pipeline (its visible project). */
  readonly project?: string;
}

const FIELDS = [...OBSERVED_TASK_FIELDS, 'status'];

async function tasksById(client: DeployClient, ids: readonly string[]): Promise<ObservedTask[]> {
  if (ids.length === 0) {
    return [];
  }
  return client.getAll<ObservedTask>('tasks.get_all', { id: [...ids], only_fields: FIELDS, search_hidden: true }, 'tasks');
}

async function projectNames(client: DeployClient, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await client.getAll<{ id: string; name: string }>('projects.get_all', { id: [...new Set(ids)], search_hidden: true, only_fields: ['id', 'name'] }, 'projects');
  return new Map(found.map((p) => [p.id, p.name]));
}

/** The visible project of a controller: `P` for `P/.pipelines/<name>`, else its own project. */
function visibleProject(projectName: string): string {
  const at = projectName.lastIndexOf('/.pipelines/');
  return at >= 0 ? projectName.slice(0, at) : projectName;
}

async function findController(client: DeployClient, selector: ImportSelector): Promise<{ task: ObservedTask; project: string; taskProject: string }> {
  const found = selector.id !== undefined
    ? await tasksById(client, [selector.id])
    : await client.getAll<ObservedTask>('tasks.get_all', {
      name: exactNamesRegex([selector.name ?? '']), type: ['controller'], system_tags: ['-archived'], search_hidden: true, only_fields: FIELDS,
    }, 'tasks');
  const names = await projectNames(client, found.map((t) => t.project ?? ''));
  const candidates = found
    .map((task) => ({ task, project: visibleProject(names.get(task.project ?? '') ?? ''), taskProject: names.get(task.project ?? '') ?? '' }))
    .filter((c) => !c.task.parent && (selector.project === undefined || c.project === selector.project));
  const what = selector.id !== undefined ? `task ${selector.id}` : `pipeline '${selector.name}'${selector.project === undefined ? '' : ` in project '${selector.project}'`}`;
  if (candidates.length === 0) {
    throw new ImportError('PipelineNotFound', `No pipeline controller found for ${what}. Check the name and --project, or pass --id <controller task id>.`);
  }
  if (candidates.length > 1) {
    const list = candidates.map((c) => `${c.task.id} (project ${c.project}, status ${c.task.status})`).join(', ');
    throw new ImportError('AmbiguousPipeline', `Several controllers match ${what}: ${list}. Pass --id <one of them>, or --project.`);
  }
  return candidates[0];
}

function parameters(controller: ObservedTask): ImportedParameter[] {
  const args = controller.hyperparams?.Args ?? {};
  return Object.values(args)
    .map((item) => ({ name: item.name, default: item.value ?? '', type: item.type, description: item.description ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function version(controller: ObservedTask): string {
  const hp = controller.hyperparams ?? {};
  return hp.properties?.version?.value || hp.pipeline?.version?.value || controller.runtime?.version || '1.0.0';
}

async function resolveNamedBaseTasks(client: DeployClient, nodes: ImportedNode[], project: string): Promise<ImportedNode[]> {
  const named = nodes.filter((n) => n.baseTaskId === '' && n.baseTask !== undefined);
  if (named.length === 0) {
    return nodes;
  }
  const found = await client.getAll<ObservedTask>('tasks.get_all', {
    name: exactNamesRegex(named.map((n) => n.baseTask?.name ?? '')), system_tags: ['-archived'], only_fields: ['id', 'name', 'project'], order_by: ['-last_update'],
  }, 'tasks');
  const names = await projectNames(client, found.map((t) => t.project ?? ''));
  return nodes.map((node) => {
    if (node.baseTaskId !== '' || node.baseTask === undefined) {
      return node;
    }
    const wanted = node.baseTask.project || project;
    const match = found.find((t) => t.name === node.baseTask?.name && names.get(t.project ?? '') === wanted);
    if (match === undefined) {
      throw new ImportError('BaseTaskNotFound', `Step '${node.name}': base task '${node.baseTask.name}' not found in project '${wanted}'.`);
    }
    return { ...node, baseTaskId: match.id };
  });
}

/** Reads the pipeline `selector` names. */
export async function readPipeline(client: DeployClient, selector: ImportSelector): Promise<ImportedPipeline> {
  const { task: controller, project, taskProject } = await findController(client, selector);
  const config = controller.configuration ?? {};
  const pipelineText = config.Pipeline?.value;
  const stepsText = config.Steps?.value;
  const origin = stepsText !== undefined && stepsText !== '' ? 'seed' : 'pipeline-controller';
  if (origin === 'pipeline-controller' && (pipelineText === undefined || pipelineText === '')) {
    throw new ImportError('NoDag', `Controller ${controller.id} ('${controller.name}') has neither a Pipeline nor a Steps configuration object: there is no DAG to import.`);
  }
  const parsed = origin === 'seed' ? nodesFromSeedSteps(stepsText as string) : nodesFromPipelineConfig(pipelineText as string);
  const nodes = (await resolveNamedBaseTasks(client, parsed, project)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const missingBase = nodes.filter((n) => n.baseTaskId === '');
  if (missingBase.length > 0) {
    throw new ImportError('NoBaseTask', `Step(s) ${missingBase.map((n) => n.name).join(', ')} name no base task; only steps that clone a draft task can be imported.`);
  }
  const drafts = await tasksById(client, [...new Set(nodes.map((n) => n.baseTaskId))]);
  const missing = nodes.filter((n) => !drafts.some((d) => d.id === n.baseTaskId));
  if (missing.length > 0) {
    throw new ImportError('BaseTaskNotFound', `Base task(s) not found on the server: ${missing.map((n) => `${n.name} → ${n.baseTaskId}`).join(', ')}.`);
  }
  const draftNames = await projectNames(client, drafts.map((d) => d.project ?? ''));
  return {
    draftProjects: Object.fromEntries(drafts.map((d) => [d.id, draftNames.get(d.project ?? '') ?? ''])),
    origin, controller, name: controller.name, project, controllerProject: taskProject, version: version(controller), parameters: parameters(controller), nodes,
    drafts: Object.fromEntries(drafts.map((d) => [d.id, d])),
  };
}
