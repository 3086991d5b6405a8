/**
 * `run` of a pipeline whose controller is not in `<project>/.pipelines/<name>` (an adopted seed
 * controller): the server's `pipelines.start_pipeline` would name the run after the project, so
 * the run is cloned and named here, as for `run --local`, then enqueued on the controller queue.
 */
import { DeployClient } from '../deploy/client';
import { DeployError } from '../deploy/errors';
import { observeQueues } from '../deploy/observe';
import { deployedController, StartedRun } from '../deploy/run';
import { RunArgument } from '../deploy/run-params';
import { PipelineManifest } from '../manifest/schema';
import { createLocalRun } from '../run/create-run';
import { enqueueNode } from '../run/launch';

/** True when the server's `start_pipeline` would not name runs of `pipeline` after it. */
export function needsClonedRun(pipeline: PipelineManifest): boolean {
  return pipeline.controller.task.project !== `${pipeline.project}/.pipelines/${pipeline.name}`;
}

/** Clones the deployed controller of `pipeline` as a named run and enqueues it on `queue`. */
export async function startClonedRun(client: DeployClient, pipeline: PipelineManifest, args: readonly RunArgument[], queue: string): Promise<StartedRun> {
  const [controller, queues] = await Promise.all([deployedController(client, pipeline), observeQueues(client, [queue])]);
  const target = queues.find((q) => q.name === queue);
  if (target === undefined) {
    throw new DeployError('MissingQueues', `Queue '${queue}' does not exist on this server; create it (or pass --queue with an existing one).`);
  }
  const runId = await createLocalRun(client, controller.id, args);
  await enqueueNode(client, runId, target.id);
  return { runId, controllerId: controller.id, projectId: controller.projectId, queue, enqueued: true };
}
