/**
 * Writes the TypeScript of an import: an app module exporting `buildApp(app)` that declares the
 * pipeline with one `DraftStep` per step, overrides as typed references, and a comment per step
 * saying what it is and what could not be carried over.
 */
import { ImportedPipeline } from './model';
import { ControllerChoice, pipelineProps } from './build';
import { adoptedControllerProps } from './controller-model';
import { OverrideModel, StepModel } from './step-model';
import { presetSource, TypedStep, typedOverrides } from './typed';
import { typedKind } from './typed-kinds';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string as TypeScript source: a template literal for multi-line text, else single-quoted. */
export function stringLiteral(text: string): string {
  if (text.includes('\n')) {
    return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  }
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Any plain value as TypeScript source, indented by `indent`. */
export function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') {
    return stringLiteral(value);
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    return '{}';
  }
  const key = (k: string) => (IDENTIFIER.test(k) ? k : stringLiteral(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join('\n')}\n${indent}}`;
}

/** A variable name for step `name`. */
export function variableName(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(base) ? `step_${base}` : ['pipeline', 'app'].includes(base) ? `${base}Step` : base;
}

function referenceSource(model: OverrideModel): string {
  if ('literal' in model) {
    return stringLiteral(model.literal);
  }
  if (model.ref === 'pipelineParameter') {
    return `pipeline.parameter(${stringLiteral(model.key)})`;
  }
  const step = variableName(model.step);
  switch (model.ref) {
    case 'outputModel':
      return `${step}.outputModel`;
    case 'outputModelUrl':
      return `${step}.outputModel.url`;
    case 'taskId':
      return `${step}.taskId`;
    case 'parameter':
      return `${step}.parameter(${stringLiteral(model.key)})`;
    default:
      return `${step}.artifactUrl(${stringLiteral(model.key)})`;
  }
}

/** Drops props equal to their default, so the code says only what differs from it. */
function withoutDefaults(props: Record<string, unknown>): Record<string, unknown> {
  const empty = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(props).filter(([key, v]) => !empty(v) && !(key === 'taskType' && v === 'training')));
}

/** The props of a typed step that are code, not data. */
function typedProps(typed: TypedStep): string[] {
  const model = 'step' in typed.model ? `${variableName(typed.model.step)}.outputModel` : stringLiteral(typed.model.literal);
  const what = `${typedKind(typed.kind).presetProp}: ${presetSource(typed)}`;
  return [`    model: ${model},`, `    ${what},`];
}

function stepSource(model: StepModel): string[] {
  const data = model.typed === undefined ? { ...model.node, ...model.draft } : { ...model.node, taskName: model.draft.taskName };
  const props = literal(withoutDefaults(data), '  ');
  const overrides = Object.entries(model.typed === undefined ? model.overrides : typedOverrides(model, model.typed));
  const overrideLines = overrides.length === 0 ? [] : [
    '    parameterOverrides: {',
    ...overrides.map(([key, value]) => `      ${stringLiteral(key)}: ${referenceSource(value)},`),
    '    },',
  ];
  const body = props.split('\n');
  const notes = model.notes.map((n) => `  // ${n}.`);
  const depends = model.parents.length === 0 ? [] : [`  ${variableName(model.name)}.dependsOn(${model.parents.map(variableName).join(', ')});`];
  const taskOverrides = Object.entries(model.typed?.taskOverrides ?? {});
  const overridden = taskOverrides.length === 0 ? [] : [
    '  // Stored differently from what the typed step renders: delete a line to take cdk-style\'s value.',
    ...taskOverrides.map(([p, value]) => `  ${variableName(model.name)}.addTaskOverride(${stringLiteral(p)}, ${literal(value, '  ')});`),
  ];
  return [
    `  // Step '${model.name}' (draft ${model.draftId}).`,
    ...notes,
    `  const ${variableName(model.name)} = new ${model.typed?.kind ?? 'DraftStep'}(pipeline, ${stringLiteral(model.name)}, {`,
    ...body.slice(1, -1),
    ...(model.typed === undefined ? [] : typedProps(model.typed)),
    ...overrideLines,
    '  });',
    ...overridden,
    ...depends,
  ];
}

/** The `Pipeline` props as source: the data props, then the adopted controller as it is stored. */
function pipelinePropsSource(pipeline: ImportedPipeline, choice: ControllerChoice): string {
  const data = literal(withoutDefaults(pipelineProps(pipeline)), '  ');
  if (choice === 'native') {
    return data;
  }
  const controller = `    controller: new AdoptedController(${literal(adoptedControllerProps(pipeline), '    ')}),`;
  return data === '{}' ? `{\n${controller}\n  }` : `${data.slice(0, -4)}\n${controller}\n  }`;
}

/** The names the code imports, sorted. */
function importedNames(models: readonly StepModel[], choice: ControllerChoice): string[] {
  const names = new Set(['App', 'Pipeline', ...(choice === 'adopted' ? ['AdoptedController'] : [])]);
  for (const model of models) {
    names.add(model.typed?.kind ?? 'DraftStep');
    if (model.typed !== undefined) {
      names.add(typedKind(model.typed.kind).presetClass);
    }
  }
  return [...names].sort();
}

/** Options of {@link emitApp}. */
export interface EmitOptions {
  /**
   * Module the code imports cdk-style from.
   * @default 'cdk-style'
   */
  readonly moduleName?: string;
  /**
   * How the controller is declared.
   * @default 'adopted'
   */
  readonly controller?: ControllerChoice;
}

/** The TypeScript module declaring `pipeline`. */
export function emitApp(pipeline: ImportedPipeline, models: readonly StepModel[], options: EmitOptions = {}): string {
  const choice = options.controller ?? 'adopted';
  const origin = pipeline.origin === 'seed'
    ? "the seed's automation package (a `Steps` configuration of add_step arguments)"
    : "ClearML's PipelineController (a `Pipeline` configuration)";
  const header = [
    '/**',
    ` * Pipeline '${pipeline.name}' of project '${pipeline.project}', imported by \`cdk-style import\` from`,
    ` * controller ${pipeline.controller.id}, made by ${origin}.`,
    ' * Each step renders its draft task exactly as it is stored, and so does the controller',
    choice === 'adopted'
      ? ' * (kept as it is: cdk-style writes only its DAG, parameters and version), so deploying this changes nothing.'
      : " * (cdk-style's native controller), so deploying this changes nothing.",
    ' */',
    `import { ${importedNames(models, choice).join(', ')} } from ${stringLiteral(options.moduleName ?? 'cdk-style')};`,
    '',
    '/** Declares the pipeline in `app`. */',
    'export function buildApp(app: App = new App()): App {',
    `  const pipeline = new Pipeline(app, ${stringLiteral(pipeline.name)}, ${pipelinePropsSource(pipeline, choice)});`,
  ];
  const steps = models.flatMap((m) => ['', ...stepSource(m)]);
  return [...header, ...steps, '  return app;', '}', '', 'if (require.main === module) {', '  buildApp().synth();', '}', ''].join('\n');
}
