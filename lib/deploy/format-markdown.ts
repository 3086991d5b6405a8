/**
 * The pull-request review bundle written by `diff --format markdown`: a summary table, the
 * per-object changes (the same tree as the terminal diff) and, per pipeline, a mermaid DAG
 * whose added, changed and removed steps are coloured. The text holds no timestamps, hosts or
 * credentials: the same plan gives the same bytes.
 */
import { NO_DIFFERENCES, formatSummary, formatTaskAction } from './format';
import { dagConfigurationName, readStoredDag } from '../clearml/controller-dag';
import { PipelinePlan, Plan, TaskAction, planHasDifferences } from './plan-model';

/** How a step appears in the review DAG. */
type StepMark = 'added' | 'changed' | 'removed' | 'unchanged';

/** Colours of the marks (mermaid `classDef`). */
const CLASS_DEFS: Readonly<Record<Exclude<StepMark, 'unchanged'>, string>> = {
  added: 'fill:#dafbe1,stroke:#1a7f37,color:#0d3b1e',
  changed: 'fill:#fff8c5,stroke:#9a6700,color:#3b2300',
  removed: 'fill:#ffebe9,stroke:#cf222e,color:#4c0d0d,stroke-dasharray:4 3',
};

const MARK_OF_KIND: Readonly<Record<TaskAction['kind'], StepMark>> = {
  create: 'added', update: 'changed', replace: 'changed', archive: 'removed', 'no-op': 'unchanged',
};

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The DAG the live controller holds (its `Pipeline`, or a seed controller's `Steps`, configuration), or none. */
function liveDag(pipeline: PipelinePlan): Record<string, string[]> {
  const configuration = pipeline.controller.live?.configuration;
  const format = configuration?.Pipeline?.value ? 'Pipeline' : configuration?.Steps?.value ? 'Steps' : undefined;
  if (format === undefined || pipeline.controller.kind === 'create') {
    return {};
  }
  try {
    const steps = readStoredDag(format, configuration?.[dagConfigurationName(format)]?.value ?? '');
    return Object.fromEntries(steps.map((s) => [s.node.name, s.node.parents]));
  } catch {
    return {};
  }
}

function nodeId(name: string): string {
  return `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** The mermaid DAG of one pipeline: declared steps marked by their action, removed ones dashed. */
export function reviewDag(pipeline: PipelinePlan): string {
  const marks = new Map<string, StepMark>();
  for (const step of pipeline.steps) {
    marks.set(step.nodeName as string, MARK_OF_KIND[step.kind]);
  }
  const declared = pipeline.manifest.steps;
  const removed = Object.entries(liveDag(pipeline)).filter(([name]) => !(name in declared));
  const lines = ['flowchart TD'];
  const names = Object.keys(declared).sort(byCodeUnit);
  for (const name of names) {
    const mark = marks.get(name) ?? 'unchanged';
    const suffix = mark === 'unchanged' ? '' : `:::${mark}`;
    lines.push(`  ${nodeId(name)}["${label(`${name}<br/>${declared[name].kind}`)}"]${suffix}`);
  }
  for (const [name] of removed.sort(([a], [b]) => byCodeUnit(a, b))) {
    lines.push(`  ${nodeId(name)}["${label(`${name}<br/>removed`)}"]:::removed`);
  }
  for (const name of names) {
    for (const parent of [...declared[name].node.parents].sort(byCodeUnit)) {
      lines.push(`  ${nodeId(parent)} --> ${nodeId(name)}`);
    }
  }
  for (const [name, parents] of removed) {
    for (const parent of [...parents].sort(byCodeUnit)) {
      lines.push(`  ${nodeId(parent)} -.-> ${nodeId(name)}`);
    }
  }
  for (const [mark, style] of Object.entries(CLASS_DEFS)) {
    lines.push(`  classDef ${mark} ${style}`);
  }
  return lines.join('\n');
}

function countRow(pipeline: PipelinePlan, prune: boolean): string {
  const actions = [...pipeline.steps, pipeline.controller, ...pipeline.archives];
  const count = (kind: TaskAction['kind']) => actions.filter((a) => a.kind === kind && (kind !== 'archive' || a.role !== 'orphan' || prune)).length;
  const orphans = prune ? 0 : actions.filter((a) => a.role === 'orphan').length;
  const cells = [count('create'), count('update'), count('replace'), count('archive'), orphans, count('no-op')];
  return `| ${pipeline.name} (\`${pipeline.id}\`) | ${pipeline.project} | ${cells.join(' | ')} |`;
}

function pipelineSection(pipeline: PipelinePlan, prune: boolean): string[] {
  const changes = [...pipeline.steps, pipeline.controller, ...pipeline.archives].flatMap((a) => formatTaskAction(a, prune));
  const body = changes.length === 0 ? ['No differences in this pipeline.'] : ['```', ...changes, '```'];
  return [`### ${pipeline.name} (\`${pipeline.id}\`)`, '', ...body, '', '```mermaid', reviewDag(pipeline), '```', ''];
}

function objectsOutsidePipelines(plan: Plan): string[] {
  const projects = plan.projects.filter((p) => p.kind !== 'no-op').map((p) => (p.kind === 'create'
    ? `- [+] Project \`${p.name}\``
    : `- [~] Project \`${p.name}\`: add system tags ${p.missingTags.join(', ')}`));
  const queues = plan.queues.filter((q) => q.status === 'missing').map((q) => `- [!] Queue \`${q.name}\` does not exist (deploy fails unless --create-queues)`);
  const lines = [...projects, ...queues];
  return lines.length === 0 ? [] : ['### Projects and queues', '', ...lines, ''];
}

/** Options of {@link formatPlanMarkdown}. */
export interface MarkdownOptions {
  /**
   * Orphans are archived (`--prune`) rather than kept.
   * @default false
   */
  readonly prune?: boolean;
}

/** The review bundle of `plan` as markdown (ends with a newline). */
export function formatPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const prune = options.prune ?? false;
  const head = ['## cdk-style diff', ''];
  if (!planHasDifferences(plan)) {
    return [...head, `${NO_DIFFERENCES}: ClearML already matches the manifest.`, ''].join('\n');
  }
  const table = [
    '| pipeline | project | create | update | replace | archive | orphans kept | unchanged |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...plan.pipelines.map((p) => countRow(p, prune)),
  ];
  const sections = plan.pipelines.flatMap((p) => pipelineSection(p, prune));
  return [...head, ...table, '', formatSummary(plan, prune), '', ...objectsOutsidePipelines(plan), ...sections].join('\n');
}
