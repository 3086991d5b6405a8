/**
 * A run of a deployed pipeline driven by hand over the real API, for report tests until the
 * sandbox's simulated workers run pipelines: the run is started with `pipelines.start_pipeline`,
 * each step is cloned from its draft with the run as parent and its node name as task name,
 * marked started, sent lm-eval-shaped scalars with `events.add_batch` in json-lines (a scalar
 * titled by the lm-eval task with the metric as series at iteration 0, and the single value
 * `Summary` / `<task>/<metric>`), then completed, or failed after a traceback log line.
 */
import { request } from 'undici';
import { ClearmlClient } from '../../lib/clearml/client';
import { deploy } from '../../lib/deploy/deploy';
import { startRun } from '../../lib/deploy/run';
import { identityTag, PipelineManifest, pipelineTag } from '../../lib/manifest/schema';

/** Scores by lm-eval task, then metric. */
export type MetricFixture = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What one step does in a hand-driven run. */
export interface StepScript {
  /** Scalars it reports. */
  readonly metrics?: MetricFixture;
  /** Fail with this message instead of completing. */
  readonly fail?: string;
  /** Never launched. */
  readonly skip?: boolean;
}

/** Connection of the sandbox (for the json-lines call the client does not make). */
export interface SandboxAccess {
  readonly url: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

async function sendEvents(access: SandboxAccess, events: Record<string, unknown>[]): Promise<void> {
  const basic = Buffer.from(`${access.accessKey}:${access.secretKey}`).toString('base64');
  const login = await request(`${access.url}/v2.23/auth.login`, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' }, body: '{}' });
  const token = ((await login.body.json()) as { data: { token: string } }).data.token;
  const res = await request(`${access.url}/v2.23/events.add_batch`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-lines' },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  if (res.statusCode !== 200) {
    throw new Error(`events.add_batch answered ${res.statusCode}: ${await res.body.text()}`);
  }
  await res.body.dump();
}

/** The events lm-eval's script sends for `metrics` of `task`. */
export function lmEvalEvents(task: string, metrics: MetricFixture): Record<string, unknown>[] {
  const timestamp = 1_700_000_000_000;
  return Object.entries(metrics).flatMap(([lmEvalTask, byMetric]) => Object.entries(byMetric).flatMap(([metric, value]) => [
    { type: 'training_stats_scalar', task, metric: 'Summary', variant: `${lmEvalTask}/${metric}`, value, iter: -(2 ** 31), timestamp },
    { type: 'training_stats_scalar', task, metric: lmEvalTask, variant: metric, value, iter: 0, timestamp },
  ]));
}

async function draftIds(client: ClearmlClient, pipeline: PipelineManifest): Promise<Map<string, string>> {
  const tasks = await client.getAll<{ id: string; system_tags: string[] }>('tasks.get_all', {
    system_tags: [pipelineTag(pipeline.id)], status: ['created'], only_fields: ['id', 'system_tags'], search_hidden: true,
  }, 'tasks');
  return new Map(Object.values(pipeline.steps).map((s) => [s.node.name, tasks.find((t) => t.system_tags.includes(identityTag(s.id)))?.id as string]));
}

/** Deploys `pipeline` (when needed), runs it by hand with `scripts` by node name, and returns the run id. */
export async function handRun(client: ClearmlClient, access: SandboxAccess, pipeline: PipelineManifest, scripts: Readonly<Record<string, StepScript>>): Promise<string> {
  await deploy(client, [pipeline], { createQueues: true });
  const { runId } = await startRun(client, pipeline, [], pipeline.controller.queue);
  await client.call('tasks.started', { task: runId });
  const drafts = await draftIds(client, pipeline);
  for (const node of [...drafts.keys()].sort()) {
    const script = scripts[node] ?? {};
    if (script.skip) {
      continue;
    }
    const { id } = await client.call<{ id: string }>('tasks.clone', { task: drafts.get(node), new_task_name: node, new_task_parent: runId });
    await client.call('tasks.enqueue', { task: id, queue_name: pipeline.steps[node].node.queue });
    await client.call('tasks.started', { task: id });
    if (script.metrics !== undefined) {
      await sendEvents(access, lmEvalEvents(id, script.metrics));
    }
    if (script.fail !== undefined) {
      await sendEvents(access, [{ type: 'log', task: id, level: 'error', msg: `Traceback (most recent call last): RuntimeError: ${script.fail}`, timestamp: Date.now() }]);
    }
    await (script.fail !== undefined
      ? client.call('tasks.failed', { task: id, status_reason: 'Script failed', status_message: script.fail })
      : client.call('tasks.completed', { task: id }));
  }
  await client.call('tasks.completed', { task: runId });
  return runId;
}
