/**
 * Applies the project part of a plan: creates missing projects (parents before children, each
 * depth level concurrently) and adds missing system tags. Safe to rerun and to race: a project
 * that already exists (or whose create outcome is unknown) is re-read by name.
 */
import { apiErrorCodes, DeployClient, isOutcomeUnknown } from './client';
import { ApplyListener } from './events';
import { observeProjects } from './observe';
import { ProjectAction } from './plan-model';
import { mapConcurrent } from './pool';

/** ClearML result subcode of "project name already exists". */
const PROJECT_EXISTS_SUBCODE = 801;

function depth(name: string): number {
  return name.split('/').length;
}

async function addMissingTags(client: DeployClient, id: string, live: readonly string[], wanted: readonly string[]): Promise<boolean> {
  if (wanted.every((t) => live.includes(t))) {
    return false;
  }
  const systemTags = [...new Set([...live, ...wanted])].sort();
  await client.call('projects.update', { project: id, system_tags: systemTags }, { idempotent: true });
  return true;
}

async function adoptExisting(client: DeployClient, action: ProjectAction, emit: ApplyListener): Promise<string> {
  const [live] = await observeProjects(client, [action.name]);
  if (live === undefined) {
    return createProject(client, action, emit);
  }
  const updated = await addMissingTags(client, live.id, live.system_tags, action.systemTags);
  emit({ object: 'project', outcome: updated ? 'updated' : 'adopted', name: action.name, id: live.id });
  return live.id;
}

async function createProject(client: DeployClient, action: ProjectAction, emit: ApplyListener): Promise<string> {
  try {
    const body = { name: action.name, description: '', system_tags: action.systemTags };
    const { id } = await client.call<{ id: string }>('projects.create', body);
    emit({ object: 'project', outcome: 'created', name: action.name, id });
    return id;
  } catch (error) {
    if (isOutcomeUnknown(error) || apiErrorCodes(error)?.subcode === PROJECT_EXISTS_SUBCODE) {
      return adoptExisting(client, action, emit);
    }
    throw error;
  }
}

async function applyProject(client: DeployClient, action: ProjectAction, emit: ApplyListener): Promise<string> {
  if (action.kind === 'create') {
    return createProject(client, action, emit);
  }
  const id = action.id as string;
  if (action.kind === 'update') {
    await client.call('projects.update', { project: id, system_tags: action.systemTags }, { idempotent: true });
    emit({ object: 'project', outcome: 'updated', name: action.name, id });
  }
  return id;
}

/** Applies the project actions and returns the id of every declared project by name. */
export async function applyProjects(
  client: DeployClient, actions: readonly ProjectAction[], concurrency: number, emit: ApplyListener,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const levels = [...new Set(actions.map((a) => depth(a.name)))].sort((a, b) => a - b);
  for (const level of levels) {
    const batch = actions.filter((a) => depth(a.name) === level);
    const batchIds = await mapConcurrent(batch, concurrency, (a) => applyProject(client, a, emit));
    batch.forEach((a, i) => ids.set(a.name, batchIds[i]));
  }
  return ids;
}
