/**
 * `pipelines.start_pipeline`: clone the controller, override its `Args` (each given item replaced
 * whole, type and description dropped, as the real server does), name the run `<prefix> #N` and
 * enqueue it.
 */
import { runBatch } from './batch';
import { Body, HandlerContext, HandlerTable, queueById, requireList, requireString, taskById } from './context';
import { ApiError } from './errors';
import { deleteTask } from './task-archive';
import { Doc } from './store';
import { storedValue } from './task-fields';
import { cloneTask } from './tasks';
import { enqueueTask } from './task-queue';
import { isObject } from './values';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function overrideArgs(run: Doc, args: unknown): void {
  const hyperparams = (isObject(run.hyperparams) ? run.hyperparams : {}) as Record<string, Record<string, unknown>>;
  const section = hyperparams.Args ?? {};
  for (const arg of Array.isArray(args) ? args : []) {
    if (isObject(arg) && typeof arg.name === 'string') {
      section[arg.name] = { section: 'Args', name: arg.name, value: storedValue(arg.value) };
    }
  }
  hyperparams.Args = section;
  run.hyperparams = hyperparams;
}

function runName(ctx: HandlerContext, run: Doc): string {
  const project = typeof run.project === 'string' ? ctx.state.projects[run.project] : undefined;
  const prefix = project !== undefined ? String(project.name).split('/').pop() as string : String(run.name);
  const pattern = new RegExp(`${escapeRegex(prefix)}( #\\d+)?$`);
  const count = Object.values(ctx.state.tasks).filter((t) => t.project === run.project
    && (t.system_tags as string[]).includes('pipeline') && pattern.test(String(t.name))).length;
  return count === 0 ? prefix : `${prefix} #${count}`;
}

async function startPipeline(body: Body, ctx: HandlerContext): Promise<Body> {
  const controller = taskById(ctx, body.task);
  const queue = queueById(ctx, requireString(body, 'queue'));
  const { task: run } = cloneTask(ctx, controller, {});
  overrideArgs(run, body.args);
  run.name = runName(ctx, run);
  await enqueueTask(ctx, run, queue, { status_message: 'Starting pipeline' });
  return { pipeline: run.id, enqueued: true };
}

async function deleteRuns(body: Body, ctx: HandlerContext): Promise<Body> {
  const project = requireString(body, 'project');
  const runs = Object.values(ctx.state.tasks).filter((t) => t.project === project && t.type === 'controller');
  const ids = requireList(body, 'ids').map(String).filter((id) => runs.some((r) => r.id === id));
  if (ids.length > 0 && ids.length >= runs.length) {
    throw new ApiError(400, 160, 'Cannot delete all the pipeline runs: at least one must remain', { project });
  }
  return runBatch({ ids }, (id) => {
    const run = taskById(ctx, id);
    const steps = Object.values(ctx.state.tasks).filter((t) => t.parent === id);
    steps.forEach((step) => deleteTask(ctx, step, { force: true }));
    return deleteTask(ctx, run, { force: true });
  });
}

/** Handlers of the `pipelines` service. */
export const pipelineHandlers: HandlerTable = {
  'pipelines.start_pipeline': startPipeline,
  'pipelines.delete_runs': deleteRuns,
};
