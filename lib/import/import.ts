/**
 * `cdk-style import`: reads a pipeline from ClearML, declares it as constructs, checks that
 * they synthesize to the drafts and DAG on the server (what `diff` would compare), writes the
 * TypeScript and, with `adopt`, tags the existing objects so deploy takes them over.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../core/app';
import { buildManifests } from '../core/synthesizer';
import { DeployClient } from '../deploy/client';
import { renderControllerTask } from '../clearml/render';
import { compareTask } from '../deploy/compare';
import { PipelineManifest } from '../manifest/schema';
import { AdoptedTask, adoptPipeline } from './adopt';
import { buildImported, ControllerChoice } from './build';
import { chooseTypedSteps } from './choose-typed';
import { emitApp } from './emit';
import { ImportedPipeline, ImportError } from './model';
import { ImportSelector, readPipeline } from './read';
import { StepModel, stepModels } from './step-model';

/** Options of {@link importPipeline}. */
export interface ImportOptions extends ImportSelector {
  /**
   * Module the generated code imports cdk-style from.
   * @default 'cdk-style'
   */
  readonly moduleName?: string;
  /**
   * Tag the existing drafts (and a PipelineController-made controller) as owned by the imported code.
   * @default false
   */
  readonly adopt?: boolean;
}

/** What {@link importPipeline} did. */
export interface ImportResult {
  /** What was read. */
  readonly pipeline: ImportedPipeline;
  /** The steps declared. */
  readonly steps: StepModel[];
  /** The generated TypeScript. */
  readonly code: string;
  /** The manifest the code synthesizes to. */
  readonly manifest: PipelineManifest;
  /** What a deploy of the code would still change in the drafts or the DAG (empty for a faithful import). */
  readonly differences: string[];
  /** The tasks adopted (empty without `adopt`). */
  readonly adopted: AdoptedTask[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/** Compares the synthesized controller (DAG included) with the live controller, as if adopted. */
function controllerDifferences(pipeline: ImportedPipeline, manifest: PipelineManifest): string[] {
  const draftIds = Object.fromEntries(pipeline.nodes.map((n) => [n.name, n.baseTaskId]));
  const spec = renderControllerTask(manifest, draftIds);
  const live = pipeline.controller;
  const projectId = pipeline.controllerProject === spec.project ? live.project : undefined;
  return compareTask(spec, { ...live, system_tags: spec.system_tags }, projectId)
    .map((change) => `controller ${pipeline.name}: ${change.path} would change`);
}

/** Compares the synthesized steps with the live drafts (as if adopted) and the live DAG. */
export function importDifferences(pipeline: ImportedPipeline, manifest: PipelineManifest): string[] {
  const differences: string[] = controllerDifferences(pipeline, manifest);
  for (const node of pipeline.nodes) {
    const step = manifest.steps[node.name];
    const live = pipeline.drafts[node.baseTaskId];
    const projectId = pipeline.draftProjects[live.id] === pipeline.project ? live.project : undefined;
    for (const change of compareTask(step.task, { ...live, system_tags: step.task.system_tags }, projectId)) {
      differences.push(`step ${node.name}: draft ${change.path} would change`);
    }
    if (!sameList(step.node.parents, node.parents)) {
      differences.push(`step ${node.name}: parents would be [${step.node.parents.join(', ')}], the server has [${node.parents.join(', ')}]`);
    }
    if (node.queue !== '' && step.node.queue !== node.queue) {
      differences.push(`step ${node.name}: queue would be ${step.node.queue}, the server has ${node.queue}`);
    }
    for (const [key, value] of Object.entries(node.parameters)) {
      if (step.node.parameters[key] !== value) {
        differences.push(`step ${node.name}: override ${key} would be ${JSON.stringify(step.node.parameters[key] ?? null)}, the server has ${JSON.stringify(value)}`);
      }
    }
  }
  return differences;
}

/** The manifest of the imported constructs, with the controller declared as `choice`. */
function synthesized(pipeline: ImportedPipeline, steps: readonly StepModel[], choice: ControllerChoice): PipelineManifest {
  const app = new App({ outdir: path.join(os.tmpdir(), 'cdk-style-import-unused') });
  buildImported(app, pipeline, steps, choice);
  return buildManifests(app)[0];
}

/** Imports the pipeline `options` names. */
export async function importPipeline(client: DeployClient, options: ImportOptions): Promise<ImportResult> {
  const pipeline = await readPipeline(client, options);
  const steps = chooseTypedSteps(pipeline, stepModels(pipeline));
  const native = synthesized(pipeline, steps, 'native');
  const controller: ControllerChoice = controllerDifferences(pipeline, native).length === 0 ? 'native' : 'adopted';
  const manifest = controller === 'native' ? native : synthesized(pipeline, steps, 'adopted');
  const differences = importDifferences(pipeline, manifest);
  const code = emitApp(pipeline, steps, { moduleName: options.moduleName, controller });
  if (options.adopt && differences.length > 0) {
    throw new ImportError('NotFaithful', `Not adopted (nothing was written): the imported code would change what is on the server:\n${differences.map((d) => `  - ${d}`).join('\n')}`);
  }
  const adopted = options.adopt ? await adoptPipeline(client, pipeline, manifest) : [];
  return { pipeline, steps, code, manifest, differences, adopted };
}
