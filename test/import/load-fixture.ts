/**
 * Loads a recorded server state (test/import/fixtures/*.json) into a sandbox over the API, the
 * way the tool that made it would have: projects, then tasks in order, `@<ref>` replaced by the
 * id of the task created from that ref.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClearmlClient } from '../../lib/clearml/client';

interface FixtureTask {
  readonly ref: string;
  readonly project: string;
  readonly [field: string]: unknown;
}

interface Fixture {
  readonly projects: { name: string; system_tags: string[] }[];
  readonly tasks: FixtureTask[];
}

function withIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/@([A-Za-z0-9_]+)/g, (whole, ref: string) => ids.get(ref) ?? whole);
  }
  if (Array.isArray(value)) {
    return value.map((v) => withIds(v, ids));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIds(v, ids)]));
  }
  return value;
}

/** Loads fixture `name`; returns the id of each task by ref. */
export async function loadFixture(client: ClearmlClient, name: string): Promise<Map<string, string>> {
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Fixture;
  const projects = new Map<string, string>();
  for (const project of fixture.projects) {
    const { id } = await client.call<{ id: string }>('projects.create', { name: project.name, system_tags: project.system_tags, description: '' });
    projects.set(project.name, id);
  }
  const ids = new Map<string, string>();
  for (const task of fixture.tasks) {
    const { ref, project, ...fields } = task;
    const { id } = await client.call<{ id: string }>('tasks.create', { ...(withIds(fields, ids) as object), project: projects.get(project) });
    ids.set(ref, id);
  }
  return ids;
}
