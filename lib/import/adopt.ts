/**
 * `import --adopt`: gives the imported drafts and the controller the ownership system tags of
 * the imported code (which declares the controller as an `AdoptedController`), so the next
 * deploy finds and updates them instead of creating new ones.
 */
import { DeployClient } from '../deploy/client';
import { PipelineManifest } from '../manifest/schema';
import { ImportedPipeline, ImportError } from './model';

/** One task adopt tagged. */
export interface AdoptedTask {
  /** Task id. */
  readonly id: string;
  /** Task name. */
  readonly name: string;
  /** The system tags written. */
  readonly systemTags: string[];
}

function ownedElsewhere(tags: readonly string[] | undefined, wanted: readonly string[]): boolean {
  const owned = (tags ?? []).filter((t) => t.startsWith('cdk-style:'));
  return owned.length > 0 && owned.some((t) => !wanted.includes(t));
}

/** The system tags an adopted task ends with: exactly the declared ones (the SDK's `development` marker goes). */
function adoptedTags(declared: readonly string[]): string[] {
  return [...new Set(declared)].sort();
}

/** Tags the drafts and the controller; returns what was tagged. */
export async function adoptPipeline(client: DeployClient, pipeline: ImportedPipeline, manifest: PipelineManifest): Promise<AdoptedTask[]> {
  const targets = Object.values(manifest.steps).map((step) => {
    const node = pipeline.nodes.find((n) => n.name === step.node.name);
    const live = pipeline.drafts[node?.baseTaskId ?? ''];
    return { live, tags: adoptedTags(step.task.system_tags) };
  });
  targets.push({ live: pipeline.controller, tags: adoptedTags([...manifest.controller.task.system_tags]) });
  const foreign = targets.filter((t) => ownedElsewhere(t.live.system_tags, t.tags));
  if (foreign.length > 0) {
    throw new ImportError('OwnedElsewhere', `Not adopted (nothing was written): ${foreign.map((t) => `${t.live.name} ${t.live.id}`).join(', ')} already carry another cdk-style pipeline's ownership tags.`);
  }
  const adopted: AdoptedTask[] = [];
  for (const target of targets) {
    await client.call('tasks.edit', { task: target.live.id, system_tags: target.tags, force: true }, { idempotent: true });
    adopted.push({ id: target.live.id, name: target.live.name, systemTags: target.tags });
  }
  return adopted;
}
