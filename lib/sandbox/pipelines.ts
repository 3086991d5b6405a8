/**
 * `pipelines.start_pipeline`: clone the controller, override its `Args`, name the run `<prefix> #N`
 * and enqueue it.
 */
import { Body, HandlerContext, HandlerTable, queueById, requireString, taskById } from './context';
import { Doc } from './store';
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
      const existing = isObject(section[arg.name]) ? (section[arg.name] as Body) : {};
      section[arg.name] = { ...existing, section: 'Args', name: arg.name, value: arg.value === undefined || arg.value === null ? '' : String(arg.value) };
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

/** Handlers of the `pipelines` service. */
export const pipelineHandlers: HandlerTable = {
  'pipelines.start_pipeline': startPipeline,
};
