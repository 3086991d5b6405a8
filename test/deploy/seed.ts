/**
 * The seed example's manifest, and small helpers to read what a deploy left on the server.
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { MANAGED_TAG, PipelineManifest } from '../../lib/manifest/schema';
import { buildSeedApp } from '../../examples/seed-pipeline';

/** The seed pipeline's manifest, as synth writes it. */
export function seedManifest(): PipelineManifest {
  return buildManifests(buildSeedApp(new App({ outdir: 'unused' })))[0];
}

/** A task as the tests read it back. */
export interface LiveTask {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly system_tags: string[];
  readonly parent?: string | null;
  readonly hyperparams?: Record<string, Record<string, { value: string }>>;
  readonly configuration?: Record<string, { value: string }>;
  readonly execution?: { queue?: string };
}

/** Every task carrying the managed tag (archived ones included unless `live`). */
export async function managedTasks(client: ClearmlClient, live = true): Promise<LiveTask[]> {
  const systemTags = live ? [MANAGED_TAG, '-archived'] : [MANAGED_TAG];
  return client.getAll<LiveTask>('tasks.get_all', {
    system_tags: systemTags, search_hidden: true, only_fields: ['id', 'name', 'status', 'system_tags', 'parent', 'hyperparams', 'configuration', 'execution'],
  }, 'tasks');
}

/** The identity (logical id) of a task, from its `cdk-style:id=` tag. */
export function identityOf(task: LiveTask): string {
  return (task.system_tags.find((t) => t.startsWith('cdk-style:id=')) ?? '').slice('cdk-style:id='.length);
}

/** Live parentless managed tasks grouped by identity: exactly one each means no duplicates. */
export async function liveByIdentity(client: ClearmlClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const task of (await managedTasks(client)).filter((t) => !t.parent)) {
    counts[identityOf(task)] = (counts[identityOf(task)] ?? 0) + 1;
  }
  return counts;
}

/** What a converged seed deploy leaves: one live task per logical id. */
export const SEED_IDENTITIES = { my_pipeline: 1, 'my_pipeline/step1': 1, 'my_pipeline/step2': 1, 'my_pipeline/step3': 1 };
