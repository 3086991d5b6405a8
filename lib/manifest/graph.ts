/**
 * Mermaid rendering of a pipeline DAG (`<pipeline>.mmd`), for reviews and `cdk-style graph`.
 */
import { PipelineManifest, StepSpec } from './schema';

/** Mermaid node ids must be plain words; node names already are (validated), but stay safe. */
function nodeId(name: string): string {
  return `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function nodeLabel(step: StepSpec): string {
  const text = `${step.node.name}<br/>${step.kind} · ${step.node.queue}`;
  return text.replace(/"/g, '#quot;');
}

/**
 * Renders `pipeline` as a Mermaid flowchart: one box per step (name, kind, queue) and one
 * arrow per dependency, parents first. Steps and edges are sorted, so the text is stable.
 */
export function renderMermaid(pipeline: PipelineManifest): string {
  const names = Object.keys(pipeline.steps).sort();
  const lines = ['flowchart TD', `  %% ${pipeline.name} (${pipeline.project}) v${pipeline.version}`];
  for (const name of names) {
    lines.push(`  ${nodeId(name)}["${nodeLabel(pipeline.steps[name])}"]`);
  }
  for (const name of names) {
    for (const parent of [...pipeline.steps[name].node.parents].sort()) {
      lines.push(`  ${nodeId(parent)} --> ${nodeId(name)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
