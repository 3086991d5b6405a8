/**
 * Declares an import's constructs in an app, from the same data `emit` prints, so the
 * synthesized manifest can be compared with the server before any code is written.
 */
import { AdoptedController } from '../core/adopted-controller';
import { App } from '../core/app';
import { ParameterType, Pipeline } from '../core/pipeline';
import { OverrideValue, Step } from '../core/step';
import { PlainValue } from '../core/values';
import { DraftStep } from '../steps/draft-step';
import { adoptedControllerProps } from './controller-model';
import { ImportedParameter, ImportedPipeline } from './model';
import { OverrideModel, StepModel } from './step-model';
import { instantiateTyped, typedOverrides } from './typed';

/** Parameter types cdk-style declares; other stored types are left undeclared. */
const PARAMETER_TYPES: readonly string[] = ['str', 'int', 'float', 'bool', 'list', 'dict'];

/** An imported parameter's props: its stored default read as its declared type. */
type ImportedParameterProps = { default: PlainValue; type?: ParameterType; description?: string };

/** The stored text of a default as a value of its declared type (the text itself when it does not parse). */
export function typedDefault(text: string, type: string | undefined): PlainValue {
  if ((type === 'int' || type === 'float') && text.trim() !== '' && Number.isFinite(Number(text))) {
    return Number(text);
  }
  if (type === 'bool' && (text === 'True' || text === 'False' || text === 'true' || text === 'false')) {
    return text === 'True' || text === 'true';
  }
  if (type === 'list' || type === 'dict') {
    try {
      return JSON.parse(text) as PlainValue;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The `Pipeline` props of an import that are data (the adopted controller is added beside them);
 * `defaultQueue` from the controller's `pipeline/default_queue` (PipelineController's and the
 * native controller's), so a pipeline cdk-style deployed imports with its native controller.
 */
export function pipelineProps(pipeline: ImportedPipeline): { project: string; version: string; defaultQueue?: string; tags: string[]; parameters: Record<string, ImportedParameterProps> } {
  const parameters: Record<string, ImportedParameterProps> = {};
  pipeline.parameters.forEach((p: ImportedParameter) => {
    parameters[p.name] = {
      default: typedDefault(p.default, p.type),
      ...(p.type !== undefined && PARAMETER_TYPES.includes(p.type) ? { type: p.type as ParameterType } : {}),
      ...(p.description ? { description: p.description } : {}),
    };
  });
  const defaultQueue = pipeline.controller.hyperparams?.pipeline?.default_queue?.value;
  return {
    project: pipeline.project, version: pipeline.version, ...(defaultQueue ? { defaultQueue } : {}),
    tags: [...new Set(pipeline.controller.tags ?? [])].sort(), parameters,
  };
}

/** The construct value of an override. */
export function reference(model: OverrideModel, pipeline: Pipeline, steps: ReadonlyMap<string, Step>): OverrideValue {
  if ('literal' in model) {
    return model.literal;
  }
  if (model.ref === 'pipelineParameter') {
    return pipeline.parameter(model.key);
  }
  const step = steps.get(model.step) as Step;
  switch (model.ref) {
    case 'outputModel':
      return step.outputModel;
    case 'outputModelUrl':
      return step.outputModel.url;
    case 'taskId':
      return step.taskId;
    case 'parameter':
      return step.parameter(model.key);
    default:
      return step.artifactUrl(model.key);
  }
}

/**
 * How the import declares the controller: `native` when cdk-style's own controller renders the
 * stored one exactly (a pipeline cdk-style deployed), else `adopted` (kept as it is stored).
 */
export type ControllerChoice = 'native' | 'adopted';

/** Declares the imported pipeline in `app`; returns the pipeline construct. */
export function buildImported(app: App, pipeline: ImportedPipeline, models: readonly StepModel[], choice: ControllerChoice = 'adopted'): Pipeline {
  const controller = choice === 'adopted' ? new AdoptedController(adoptedControllerProps(pipeline)) : undefined;
  const construct = new Pipeline(app, pipeline.name, { ...pipelineProps(pipeline), ...(controller ? { controller } : {}) });
  const steps = new Map<string, Step>();
  for (const model of models) {
    const parameterOverrides: Record<string, OverrideValue> = {};
    for (const [key, value] of Object.entries(model.typed === undefined ? model.overrides : typedOverrides(model, model.typed))) {
      parameterOverrides[key] = reference(value, construct, steps);
    }
    const step = model.typed === undefined
      ? new DraftStep(construct, model.name, { ...model.draft, ...model.node, parameterOverrides })
      : instantiateTyped(construct, model.name, model, model.typed, steps, parameterOverrides);
    if (model.parents.length > 0) {
      step.dependsOn(...model.parents.map((p) => steps.get(p) as Step));
    }
    steps.set(model.name, step);
  }
  return construct;
}
