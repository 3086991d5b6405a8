/**
 * `run` of a pipeline whose controller is not in `<project>/.pipelines/<name>` (an adopted seed
 * controller): the server's `pipelines.start_pipeline` would name the run after the project, so
 * the run is cloned and named here, as for `run --local`, then enqueued on the controller queue.
 */
import { DeployClient } from '../deploy/client';
import { controllerAndQueue, StartedRun } from '../deploy/run';
import { RunArgument } from '../deploy/run-params';
import { PipelineManifest, pipelineProjectPath } from '../manifest/schema';
import { createLocalRun } from '../run/create-run';
import { enqueueNode } from '../run/launch';

/** True when the server's `start_pipeline` would not name runs of `pipeline` after it. */
export function needsClonedRun(pipeline: PipelineManifest): boolean {
  return pipeline.controller.task.project !== pipelineProjectPath(pipeline.project, pipeline.name);
}

/** Clones the deployed controller of `pipeline` as a named run and enqueues it on `queue`. */
export async function startClonedRun(client: DeployClient, pipeline: PipelineManifest, args: readonly RunArgument[], queue: string): Promise<StartedRun> {
  const { controller, queueId } = await controllerAndQueue(client, pipeline, queue);
  const runId = await createLocalRun(client, controller.id, args);
  await enqueueNode(client, runId, queueId);
  return { runId, controllerId: controller.id, projectId: controller.projectId, queue, enqueued: true };
}
