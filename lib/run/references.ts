/**
 * `${...}` references in a node's parameter overrides, resolved at launch the way
 * PipelineController resolves them: `${pipeline.NAME}`, `${step.id}`,
 * `${step.models.output.-1.id}` / `.url`, `${step.parameters.Section/name}` and
 * `${step.artifacts.NAME.url}`.
 */
import { StepTask } from './task-view';

/** What references are resolved against. */
export interface ReferenceScope {
  /** The run's pipeline parameters (`Args/<name>` of the run). */
  readonly pipelineArgs: Readonly<Record<string, string>>;
  /** Launched (and finished) steps by node name. */
  readonly steps: Readonly<Record<string, StepTask | undefined>>;
  /** URI of a model by id, when known. */
  readonly modelUri: (modelId: string) => string | undefined;
}

/** A reference that cannot be resolved: the message names it and says why. */
export class UnresolvedReference extends Error {
  /** @param reference the `${...}` text @param why the reason */
  public constructor(public readonly reference: string, why: string) {
    super(`cannot resolve ${reference}: ${why}`);
  }
}

const REFERENCE = /\$\{([^}]*)\}/g;

/** The `${...}` references in `value`, in order. */
export function referencesIn(value: string): string[] {
  return [...value.matchAll(REFERENCE)].map((m) => m[1]);
}

function outputModel(task: StepTask, index: string, ref: string): string {
  const outputs = task.models?.output ?? [];
  const position = Number(index) < 0 ? outputs.length + Number(index) : Number(index);
  const model = Number.isInteger(position) ? outputs[position]?.model : undefined;
  if (model === undefined) {
    throw new UnresolvedReference(ref, `step '${task.name ?? task.id}' has no output model at index ${index} (it registered ${outputs.length})`);
  }
  return model;
}

function resolveStep(ref: string, task: StepTask, path: string[], scope: ReferenceScope): string {
  const [kind, ...rest] = path;
  if (kind === 'id' && rest.length === 0) {
    return task.id;
  }
  if (kind === 'models' && rest[0] === 'output' && rest.length === 3 && (rest[2] === 'id' || rest[2] === 'url')) {
    const model = outputModel(task, rest[1], ref);
    if (rest[2] === 'id') {
      return model;
    }
    const uri = scope.modelUri(model);
    if (uri === undefined || uri === '') {
      throw new UnresolvedReference(ref, `output model ${model} has no URL`);
    }
    return uri;
  }
  if (kind === 'parameters' && rest.length >= 1) {
    const [section, ...name] = rest.join('.').split('/');
    const value = task.hyperparams?.[section]?.[name.join('/')]?.value;
    if (value === undefined) {
      throw new UnresolvedReference(ref, `step '${task.name ?? task.id}' has no parameter ${rest.join('.')}`);
    }
    return value;
  }
  if (kind === 'artifacts' && rest.length >= 2 && rest[rest.length - 1] === 'url') {
    const key = rest.slice(0, -1).join('.');
    const artifact = (task.execution?.artifacts ?? []).find((a) => a.key === key && a.mode !== 'input');
    if (artifact?.uri === undefined) {
      throw new UnresolvedReference(ref, `step '${task.name ?? task.id}' has no artifact '${key}'`);
    }
    return artifact.uri;
  }
  throw new UnresolvedReference(ref, 'unknown reference form (expected id, models.output.N.id|url, parameters.Section/name or artifacts.NAME.url)');
}

function resolveOne(inner: string, scope: ReferenceScope): string {
  const ref = `\${${inner}}`;
  const [head, ...path] = inner.split('.');
  if (head === 'pipeline') {
    const name = path.join('.');
    const value = scope.pipelineArgs[name];
    if (value === undefined) {
      throw new UnresolvedReference(ref, `the run has no pipeline parameter '${name}'`);
    }
    return value;
  }
  if (!(head in scope.steps)) {
    throw new UnresolvedReference(ref, `'${head}' is not a step of this pipeline`);
  }
  const task = scope.steps[head];
  if (task === undefined) {
    throw new UnresolvedReference(ref, `step '${head}' has not run`);
  }
  return resolveStep(ref, task, path, scope);
}

/** `value` with every reference replaced; throws {@link UnresolvedReference} for the first that cannot be. */
export function resolveReferences(value: string, scope: ReferenceScope): string {
  return value.replace(REFERENCE, (_match, inner: string) => resolveOne(inner, scope));
}

/** Model ids whose URL `values` need (`${step.models.output.N.url}`), given the steps' tasks. */
export function modelsNeedingUrls(values: readonly string[], steps: Readonly<Record<string, StepTask | undefined>>): string[] {
  const ids: string[] = [];
  for (const inner of values.flatMap(referencesIn)) {
    const [head, kind, dir, index, field] = inner.split('.');
    const task = steps[head];
    if (kind === 'models' && dir === 'output' && field === 'url' && task !== undefined) {
      try {
        ids.push(outputModel(task, index, inner));
      } catch {
        // reported when the value is resolved
      }
    }
  }
  return [...new Set(ids)];
}
