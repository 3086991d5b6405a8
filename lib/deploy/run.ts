/**
 * `run`: start a run of a deployed pipeline the way the web UI's "New run" does
 * (`pipelines.start_pipeline`: the server clones the controller, applies the arguments and
 * enqueues the clone).
 */
import { PipelineManifest } from '../manifest/schema';
import { DeployClient } from './client';
import { DeployError } from './errors';
import { observe, observeQueues } from './observe';
import { plan } from './plan';
import { RunArgument } from './run-params';

/** What a started run is. */
export interface StartedRun {
  /** Id of the new controller task (the run). */
  readonly runId: string;
  /** Id of the deployed controller it was cloned from. */
  readonly controllerId: string;
  /** Id of the hidden pipeline project (for links). */
  readonly projectId?: string;
  /** Queue the run was put on. */
  readonly queue: string;
  /** Whether the server reports it enqueued. */
  readonly enqueued: boolean;
}

/** The deployed controller of `pipeline` (its id and hidden project id); `NotDeployed` when there is none. */
export async function deployedController(client: DeployClient, pipeline: PipelineManifest): Promise<{ id: string; projectId?: string }> {
  const observed = await observe(client, [pipeline], { queues: false });
  const controller = plan([pipeline], observed).pipelines[0].controller;
  if (controller.taskId === undefined) {
    throw new DeployError('NotDeployed', `Pipeline '${pipeline.id}' is not deployed on this server; run 'cdk-style deploy ${pipeline.id}' first.`);
  }
  const project = observed.projects.find((p) => p.name === pipeline.controller.task.project);
  return { id: controller.taskId, projectId: project?.id };
}

/** The deployed controller of `pipeline` and the id of the queue `queue` a run of it goes on (`MissingQueues` when absent). */
export async function controllerAndQueue(client: DeployClient, pipeline: PipelineManifest, queue: string): Promise<{ controller: { id: string; projectId?: string }; queueId: string }> {
  const [controller, queues] = await Promise.all([deployedController(client, pipeline), observeQueues(client, [queue])]);
  const target = queues.find((q) => q.name === queue);
  if (target === undefined) {
    throw new DeployError('MissingQueues', `Queue '${queue}' does not exist on this server; create it (or pass --queue with an existing one).`);
  }
  return { controller, queueId: target.id };
}

/** Starts a run of `pipeline` on `queue` with `args` (already checked), and returns it. */
export async function startRun(client: DeployClient, pipeline: PipelineManifest, args: readonly RunArgument[], queue: string): Promise<StartedRun> {
  const { controller, queueId } = await controllerAndQueue(client, pipeline, queue);
  const response = await client.call<{ pipeline: string; enqueued: boolean }>('pipelines.start_pipeline', {
    task: controller.id, queue: queueId, args: args.map((a) => ({ name: a.name, value: a.value })),
  });
  return { runId: response.pipeline, controllerId: controller.id, projectId: controller.projectId, queue, enqueued: response.enqueued };
}
