/**
 * What `deploy` and `destroy` print: one line per object with its outcome, then a summary with
 * web UI links.
 */
import { AppliedPipeline } from './apply';
import { DeployResult } from './deploy';
import { ApplyEvent } from './events';
import { pipelineLink, taskLink } from './links';

const OUTCOME_MARK: Record<string, string> = {
  created: '[+]', replaced: '[!]', adopted: '[=]', updated: '[~]', archived: '[-]', released: '[-]', unchanged: '[ ]',
};

/** One line for one written object. */
export function formatEvent(event: ApplyEvent, webHost?: string): string {
  const mark = OUTCOME_MARK[event.outcome] ?? '[?]';
  const kind = event.object === 'task' ? (event.role === 'controller' ? 'controller' : 'task') : event.object;
  const logical = event.logicalId ? ` (${event.logicalId})` : '';
  const link = webHost !== undefined && event.object === 'task' && event.projectId !== undefined
    ? `  ${taskLink(webHost, event.projectId, event.id)}` : '';
  return `${mark} ${event.outcome} ${kind} ${event.name}${logical} ${event.id}${link}`;
}

function pipelineSummary(pipeline: Partial<AppliedPipeline>, webHost?: string): string {
  const where = webHost !== undefined && pipeline.projectId !== undefined && pipeline.controllerId !== undefined
    ? pipelineLink(webHost, pipeline.projectId, pipeline.controllerId)
    : `controller ${pipeline.controllerId ?? '(not deployed)'}`;
  return `  ${pipeline.name} (${pipeline.id}): ${where}`;
}

/** The lines printed after a deploy. */
export function formatDeployReport(result: DeployResult, webHost?: string): string {
  const events = result.applied?.events ?? [];
  const lines = events.map((e) => formatEvent(e, webHost));
  const counts = new Map<string, number>();
  events.forEach((e) => counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1));
  const summary = result.noChanges
    ? 'No changes: ClearML already matches the manifest (nothing was written).'
    : `Deployed: ${[...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'nothing to write'}.`;
  return [...lines, ...(lines.length > 0 ? [''] : []), summary, 'Pipelines:', ...result.pipelines.map((p) => pipelineSummary(p, webHost))].join('\n');
}
