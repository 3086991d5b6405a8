/**
 * The human diff printed by `diff` and by `deploy` before it writes, in the manner of
 * `cdk diff`: `[+]` create, `[~]` update with a tree of changed fields, `[!]` replace, `[-]`
 * archive, then a summary line. Only "There were no differences" when there are none.
 */
import { adoptedScriptDagWarning, changesAdoptedScriptDag } from './adopted-dag';
import { FieldChange } from './compare';
import { formatChange } from './format-values';
import { PipelinePlan, Plan, ProjectAction, QueueCheck, TaskAction, planHasDifferences, summarizePlan } from './plan-model';

/** Options of {@link formatPlan}. */
export interface FormatOptions {
  /**
   * Orphans are archived by this run (`--prune`), rather than only reported.
   * @default false
   */
  readonly prune?: boolean;
}

/** The line printed when a plan holds no difference. */
export const NO_DIFFERENCES = 'There were no differences';

function formatChanges(changes: readonly FieldChange[]): string[] {
  return changes.map((c, i) => {
    const branch = i === changes.length - 1 ? '└─' : '├─';
    return ` ${branch} ${c.path}: ${formatChange(c.old, c.new)}`;
  });
}

function taskLabel(action: TaskAction): string {
  const kind = action.role === 'controller' ? 'Controller' : action.role === 'step' ? 'Step' : 'Task';
  const id = action.taskId === undefined ? '' : ` ${action.taskId}`;
  return `${kind} ${action.name} (${action.logicalId || 'no identity tag'})${id}`;
}

/** Formats one task action; empty for a no-op. */
export function formatTaskAction(action: TaskAction, prune: boolean): string[] {
  switch (action.kind) {
    case 'create':
      return [`[+] ${taskLabel(action)}`];
    case 'update':
      return [`[~] ${taskLabel(action)}`, ...formatChanges(action.changes)];
    case 'replace':
      return [`[!] ${taskLabel(action)} will be replaced: ${action.reason}`];
    case 'archive': {
      const reason = action.role === 'orphan' && prune ? 'no longer declared' : action.reason;
      return [`[-] ${taskLabel(action)} ${action.role}: ${reason}`];
    }
    default:
      return [];
  }
}

function formatProject(action: ProjectAction): string[] {
  const tags = action.missingTags.length > 0 ? ` (system tags: ${action.missingTags.join(', ')})` : '';
  if (action.kind === 'create') {
    return [`[+] Project ${action.name}${tags}`];
  }
  return action.kind === 'update' ? [`[~] Project ${action.name}`, ` └─ system_tags: add ${action.missingTags.join(', ')}`] : [];
}

function formatQueue(queue: QueueCheck): string[] {
  return queue.status === 'missing' ? [`Warning: queue ${queue.name} does not exist (deploy fails unless --create-queues)`] : [];
}

function formatPipeline(pipeline: PipelinePlan, prune: boolean): string[] {
  const lines = [...pipeline.steps, pipeline.controller, ...pipeline.archives].flatMap((a) => formatTaskAction(a, prune));
  if (lines.length === 0) {
    return [];
  }
  const warning = changesAdoptedScriptDag(pipeline) ? [adoptedScriptDagWarning(pipeline)] : [];
  return [`Pipeline ${pipeline.name} (${pipeline.id}) in project ${pipeline.project}`, ...lines, ...warning, ''];
}

/** Formats the summary line of a plan. */
export function formatSummary(plan: Plan, prune: boolean): string {
  const s = summarizePlan(plan, prune);
  const parts = [`${s.create} to create`, `${s.update} to update`, `${s.replace} to replace`, `${s.archive} to archive`];
  const orphans = s.orphans > 0 ? `, ${s.orphans} orphan(s) kept (use --prune to archive)` : '';
  const queues = s.missingQueues > 0 ? `, ${s.missingQueues} missing queue(s)` : '';
  return `Number of changes: ${parts.join(', ')}${orphans}${queues}`;
}

/** Formats the whole plan as text (no trailing newline). */
export function formatPlan(plan: Plan, options: FormatOptions = {}): string {
  const prune = options.prune ?? false;
  if (!planHasDifferences(plan)) {
    return NO_DIFFERENCES;
  }
  const head = [...plan.projects.flatMap(formatProject), ...plan.queues.flatMap(formatQueue)];
  const lines = [...head, ...(head.length > 0 ? [''] : []), ...plan.pipelines.flatMap((p) => formatPipeline(p, prune))];
  return [...lines, formatSummary(plan, prune)].join('\n');
}
