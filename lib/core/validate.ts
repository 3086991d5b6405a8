/**
 * Validation of a construct tree: collects every problem with its construct path, throws once.
 */
import { IConstruct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { ValidationError, ValidationProblem } from '../base/errors';
import { findCycle, stepsOf } from './graph';
import { checkClearmlName, checkNodeName, PARAMETER_NAME_PATTERN, VERSION_PATTERN } from './names';
import { parameterTypeProblem } from './parameter-types';
import { Pipeline } from './pipeline';
import { findPlaceholders } from './placeholders';
import { Step } from './step';
import { findUnserializable } from './values';
import { taskOverrideProblem } from './task-overrides';

/** Draft tasks already rendered by step, or what their rendering threw (each step is rendered once per synth). */
export type RenderedTasks = Map<Step, TaskSpec | Error>;

/** The step's rendered draft task, or the error rendering it threw; rendered once, then remembered. */
function renderOnce(step: Step, tasks: RenderedTasks): TaskSpec | Error {
  let task = tasks.get(step);
  if (task === undefined) {
    try {
      task = step.renderDraftTask();
    } catch (error) {
      task = error instanceof Error ? error : new Error(String(error));
    }
    tasks.set(step, task);
  }
  return task;
}

/** The step's rendered draft task (rendered once, then remembered); throws what rendering threw. */
export function taskOf(step: Step, tasks: RenderedTasks): TaskSpec {
  const task = renderOnce(step, tasks);
  if (task instanceof Error) {
    throw task;
  }
  return task;
}

/**
 * Validates every pipeline; throws one {@link ValidationError} listing every problem.
 * `stepsOfPipeline` lets a caller that already listed the steps pass them in.
 */
export function validatePipelines(pipelines: readonly Pipeline[], tasks: RenderedTasks = new Map(), stepsOfPipeline = stepsOf): void {
  const problems = [...pipelines.flatMap((p) => validatePipeline(p, tasks, stepsOfPipeline(p))), ...sameClearmlPipelineProblems(pipelines)];
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
}

/** Every problem of one pipeline and its steps (`steps`: the pipeline's steps). */
export function validatePipeline(pipeline: Pipeline, tasks: RenderedTasks = new Map(), steps = stepsOf(pipeline)): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const report = (construct: IConstruct, messages: readonly (string | undefined)[]): void => {
    for (const message of messages) {
      if (message) {
        problems.push({ path: construct.node.path, message });
      }
    }
  };
  report(pipeline, pipelineSettingProblems(pipeline));
  if (steps.length === 0) {
    problems.push({ path: pipeline.node.path, message: 'pipeline has no steps, so its controller would run nothing; add a step (e.g. new CompressStep(pipeline, ...)) or remove the pipeline' });
  }
  problems.push(...duplicateNameProblems(steps));
  steps.forEach((s) => report(s, stepProblems(s, pipeline, tasks)));
  // Checks added with node.addValidation() (constructs' own hook), e.g. by L3 constructs.
  [pipeline, ...steps].forEach((c) => report(c, c.node.validate()));
  const cycle = findCycle(steps, pipeline);
  if (cycle) {
    problems.push({ path: pipeline.node.path, message: `steps form a dependency cycle: ${cycle.join(' -> ')}; remove a dependsOn() or a reference` });
  }
  return problems;
}

function pipelineSettingProblems(p: Pipeline): (string | undefined)[] {
  const problems: (string | undefined)[] = [
    checkClearmlName('project name', p.project),
    checkClearmlName('pipeline name', p.pipelineName),
    checkClearmlName('controller queue', p.controllerQueue),
    p.defaultQueue === undefined ? undefined : checkClearmlName('default queue', p.defaultQueue),
    p.pipelineName.includes('/') ? `pipeline name '${p.pipelineName}' contains '/', which would create nested projects; remove it` : undefined,
    VERSION_PATTERN.test(p.version) ? undefined : `version '${p.version}' is not a valid version; use a PEP 440 version such as '1.0.0'`,
  ];
  for (const [name, param] of p.parameters) {
    if (!PARAMETER_NAME_PATTERN.test(name)) {
      problems.push(`parameter name '${name}' is invalid; use letters, digits and '_' (not starting with a digit)`);
    }
    problems.push(...findUnserializable(param.default, `default of parameter '${name}'`));
    problems.push(parameterTypeProblem(name, param), ...findPlaceholders(param.default, `default of parameter '${name}'`));
  }
  return problems;
}

/** Two pipelines of one app that would be the same ClearML pipeline (same project and name). */
function sameClearmlPipelineProblems(pipelines: readonly Pipeline[]): ValidationProblem[] {
  const first = new Map<string, Pipeline>();
  const problems: ValidationProblem[] = [];
  for (const p of pipelines) {
    const key = JSON.stringify([p.project, p.pipelineName]);
    const other = first.get(key);
    if (other === undefined) {
      first.set(key, p);
      continue;
    }
    problems.push({
      path: p.node.path,
      message: `pipeline maps to the same ClearML pipeline as '${other.node.path}' (project '${p.project}', name '${p.pipelineName}'), `
        + 'so their controllers would share one pipeline page; give one of them another name (name prop) or project',
    });
  }
  return problems;
}

function duplicateNameProblems(steps: readonly Step[]): ValidationProblem[] {
  const byName = new Map<string, Step[]>();
  steps.forEach((s) => byName.set(s.stepName, [...(byName.get(s.stepName) ?? []), s]));
  return [...byName.values()].filter((group) => group.length > 1).flatMap((group) => group.slice(1).map((s) => ({
    path: s.node.path,
    message: `step name '${s.stepName}' is already used by '${group[0].node.path}'; ClearML step names must be unique in a pipeline (set stepName)`,
  })));
}

function stepProblems(step: Step, pipeline: Pipeline, tasks: RenderedTasks): (string | undefined)[] {
  const queue = step.queue ?? pipeline.defaultQueue;
  return [
    checkNodeName(step.stepName),
    queue === undefined ? `step has no queue and pipeline '${pipeline.node.path}' has no defaultQueue; set queue on the step or defaultQueue on the pipeline` : undefined,
    step.queue === undefined ? undefined : checkClearmlName('queue', step.queue),
    queue?.includes('${') ? `queue '${queue}' contains '\${', which ClearML would resolve as a placeholder; use a plain queue name` : undefined,
    ...Object.entries(step.parameterInputs()).flatMap(([prop, value]) => findPlaceholders(value, `props.${prop}`)),
    ...[...step.taskOverrides].flatMap(([path, value]) => findPlaceholders(value, `task override '${path}'`)),
    ...draftProblems(step, tasks),
    ...referenceProblems(step, pipeline, tasks),
    ...step.constructionProblems,
  ];
}

/** Task overrides that do not apply to the step's rendered task. */
function taskOverrideProblems(step: Step): (string | undefined)[] {
  if (step.taskOverrides.size === 0) {
    return [];
  }
  const rendered = step.renderTask();
  return [...step.taskOverrides].map(([path, value]) => taskOverrideProblem(rendered, path, value));
}

/** Problems of the step's props and of its rendered draft (its name, the overrides it must declare). */
function draftProblems(step: Step, tasks: RenderedTasks): (string | undefined)[] {
  const unserializable = findUnserializable(step.userData(), 'props');
  const task = renderOnce(step, tasks);
  if (task instanceof Error) {
    // Values that cannot be serialized already explain a failed rendering.
    return unserializable.length > 0 ? unserializable : [`the draft task cannot be rendered: ${task.message}; check the values given in props`];
  }
  return [
    checkClearmlName('task name', task.name),
    ...unserializable,
    ...taskOverrideProblems(step),
    ...(step.parameterOverrides.size > 0 ? overrideProblems(step, declaredKeys(task.hyperparams)) : []),
  ];
}

function declaredKeys(hyperparams: Record<string, Record<string, unknown>>): Set<string> {
  return new Set(Object.entries(hyperparams).flatMap(([section, items]) => Object.keys(items).map((name) => `${section}/${name}`)));
}

function overrideProblems(step: Step, declared: Set<string>): (string | undefined)[] {
  const problems: (string | undefined)[] = [];
  for (const [key, value] of step.parameterOverrides) {
    if (!declared.has(key)) {
      const known = [...declared].sort().join(', ') || 'none';
      problems.push(`parameter override '${key}' does not exist on the step's draft task; declared parameters: ${known}`);
    }
    if (typeof value === 'string' && value.includes('${')) {
      problems.push(`parameter override '${key}' is the plain string '${value}' containing '\${', which ClearML would resolve as a placeholder; use a typed reference (step.outputModel, step.taskId, pipeline.parameter(...)) instead`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push(`parameter override '${key}' is ${value}, which cannot be serialized; use a finite number`);
    }
  }
  return problems;
}

function referenceProblems(step: Step, pipeline: Pipeline, tasks: RenderedTasks): (string | undefined)[] {
  const problems: (string | undefined)[] = [];
  for (const producer of step.producers) {
    const other = Pipeline.isPipeline(producer) ? producer : Pipeline.of(producer);
    if (other !== pipeline) {
      problems.push(`step depends on '${producer.node.path}', which belongs to pipeline '${other.node.path}'; a step can only use steps and parameters of its own pipeline '${pipeline.node.path}'`);
    }
  }
  for (const ref of step.references) {
    if (ref.kind === 'model' && Step.isStep(ref.producer) && !ref.producer.producesModel) {
      problems.push(`reference '${ref.render()}' uses the output model of '${ref.producer.node.path}' (${ref.producer.kind}), which produces no model; `
        + 'use the outputModel of the step that made the model (e.g. a CompressStep), or pass a model id');
    }
    if (ref.kind === 'pipelineParameter' && ref.producer === pipeline && !pipeline.parameters.has(ref.key ?? '')) {
      problems.push(`reference '${ref.render()}' names an undeclared pipeline parameter; declare it with pipeline.addParameter('${ref.key}', {...})`);
    }
    const producerTask = ref.kind === 'parameter' && Step.isStep(ref.producer) ? renderOnce(ref.producer, tasks) : undefined;
    // A producer that cannot be rendered reports that itself.
    if (producerTask !== undefined && !(producerTask instanceof Error) && !declaredKeys(producerTask.hyperparams).has(ref.key ?? '')) {
      problems.push(`reference '${ref.render()}' names parameter '${ref.key}', which step '${ref.producer.node.path}' does not declare`);
    }
  }
  return problems;
}
