/**
 * The abstract base of every pipeline step: a ClearML DAG node plus the draft task it clones.
 */
import { Construct, IConstruct } from 'constructs';
import { NodeSpec, TaskSpec } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { ArgType, BoundArgs, draftValue } from './bound-args';
import { Arg, isParameterReference } from './parameter-reference';
import { Pipeline } from './pipeline';
import { ModelReference, Reference } from './reference';
import { withTaskOverrides } from './task-overrides';
import { PlainValue } from './values';

export type { ArgType } from './bound-args';

const STEP_BRAND = Symbol.for('cdk-style.Step');

/** A parameter override value: a plain scalar or a typed reference. */
export type OverrideValue = string | number | boolean | Reference;

/** A metric to copy from the step's task to the pipeline's own page. */
export interface MetricMonitor {
  /** Scalar title on the step, e.g. `gsm8k`. */
  readonly title: string;
  /** Scalar series on the step, e.g. `exact_match,strict-match`. */
  readonly series: string;
  /**
   * Title on the pipeline.
   * @default the source title
   */
  readonly targetTitle?: string;
  /**
   * Series on the pipeline.
   * @default the source series
   */
  readonly targetSeries?: string;
}

/** Properties shared by every step. */
export interface StepProps {
  /**
   * ClearML node (step) name, used in `${<name>.…}` references.
   * @default the construct id
   */
  readonly stepName?: string;
  /**
   * Execution queue of the step.
   * @default the pipeline's `defaultQueue`
   */
  readonly queue?: string;
  /**
   * Parameter overrides applied to the clone, keyed `Section/name` (must exist on the draft).
   * @default none
   */
  readonly parameterOverrides?: Readonly<Record<string, OverrideValue>>;
  /**
   * Time limit in seconds.
   * @default no limit
   */
  readonly timeoutSeconds?: number;
  /**
   * Metrics shown on the pipeline page.
   * @default none
   */
  readonly monitorMetrics?: readonly MetricMonitor[];
  /**
   * Artifact names copied to the pipeline.
   * @default none
   */
  readonly monitorArtifacts?: readonly string[];
  /**
   * Output model names copied to the pipeline.
   * @default none
   */
  readonly monitorModels?: readonly string[];
  /**
   * Keep running the pipeline when this step fails.
   * @default false
   */
  readonly continueOnFail?: boolean;
  /**
   * Reuse an identical completed task instead of running again.
   * @default false
   */
  readonly cacheExecutedStep?: boolean;
}

/** A pipeline step: one DAG node and its draft task. */
export abstract class Step extends Construct {
  /** Returns true when `x` is a {@link Step}, whichever copy of the package made it. */
  public static isStep(x: unknown): x is Step {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[STEP_BRAND] === true;
  }

  /** ClearML node name. */
  public readonly stepName: string;
  /** The pipeline this step belongs to. */
  public readonly pipeline: Pipeline;
  /** Queue given in props (the pipeline default applies when absent). */
  public readonly queue?: string;
  /** Construct kind written to the manifest, e.g. `CompressStep`. */
  public abstract readonly kind: string;
  /**
   * Whether the step's task outputs a model. Validation refuses `outputModel` of a step that
   * does not: the reference would never resolve. Step kinds that produce a model override it.
   * @default false
   */
  public readonly producesModel: boolean = false;
  private readonly overrides = new Map<string, OverrideValue>();
  private readonly explicitDependencies = new Set<Step>();
  private readonly taskValueOverrides = new Map<string, PlainValue>();
  private readonly stepProps: StepProps;
  private readonly problems: string[] = [];
  private readonly boundArgs = new BoundArgs();

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props step settings
   */
  public constructor(scope: Construct, id: string, props: StepProps = {}) {
    super(scope, id);
    this.stepProps = props;
    this.pipeline = Pipeline.of(this);
    this.stepName = props.stepName ?? id;
    this.queue = props.queue;
    for (const [key, value] of Object.entries(props.parameterOverrides ?? {})) {
      this.addParameterOverride(key, value);
    }
  }

  /** The step's last output model (`${<node>.models.output.-1.id}`; `.url` for its URL). */
  public get outputModel(): ModelReference {
    return new ModelReference(this, () => this.stepName);
  }

  /** The id of the task this step launches (`${<node>.id}`). */
  public get taskId(): Reference {
    return new Reference(this, 'taskId', () => `${this.stepName}.id`);
  }

  /** One of the step's hyperparameters, keyed `Section/name` (`${<node>.parameters.<key>}`). */
  public parameter(key: string): Reference {
    return new Reference(this, 'parameter', () => `${this.stepName}.parameters.${key}`, key);
  }

  /** The URL of one of the step's artifacts (`${<node>.artifacts.<name>.url}`). */
  public artifactUrl(name: string): Reference {
    return new Reference(this, 'artifact', () => `${this.stepName}.artifacts.${name.replace(/\./g, '\\.')}.url`);
  }

  /** Makes this step wait for `steps`; returns this step. */
  public dependsOn(...steps: Step[]): this {
    this.assertUnlocked();
    steps.forEach((s) => this.explicitDependencies.add(s));
    this.node.addDependency(...steps);
    return this;
  }

  /** Overrides one hyperparameter (`Section/name`) on the clone; returns this step. */
  public addParameterOverride(key: string, value: OverrideValue): this {
    this.assertUnlocked();
    this.overrides.set(key, value);
    return this;
  }

  /**
   * Escape hatch: sets one value of the rendered draft by its dotted path, e.g.
   * `addTaskOverride('script.binary', 'python')`, after rendering, in path order; returns this
   * step. Checked at synth (see `task-overrides.ts` for the rules).
   */
  public addTaskOverride(path: string, value: PlainValue): this {
    this.assertUnlocked();
    this.taskValueOverrides.set(path, value);
    return this;
  }

  /** Task overrides by path, in insertion order. */
  public get taskOverrides(): ReadonlyMap<string, PlainValue> {
    return this.taskValueOverrides;
  }

  /** The draft task as deploy writes it: {@link renderTask} with the task overrides applied. */
  public renderDraftTask(): TaskSpec {
    return withTaskOverrides(this.renderTask(), this.taskValueOverrides);
  }

  /** Parameter overrides, in insertion order. */
  public get parameterOverrides(): ReadonlyMap<string, OverrideValue> {
    return this.overrides;
  }

  /** Steps this one waits for explicitly (not through references). */
  public get explicitDependsOn(): readonly Step[] {
    return [...this.explicitDependencies];
  }

  /** Every reference this step consumes. */
  public get references(): Reference[] {
    return [...this.overrides.values()].filter(Reference.isReference);
  }

  /** Constructs (steps or pipelines) this step takes values from or waits for. */
  public get producers(): IConstruct[] {
    return [...this.explicitDependencies, ...this.references.map((r) => r.producer)];
  }

  /** Renders the draft task; `project` and `system_tags` are filled in by the synthesizer. */
  public abstract renderTask(): TaskSpec;

  /** Renders the DAG node; `parents` are the node names of producer steps, sorted. */
  public renderNode(queue: string, parents: string[]): NodeSpec {
    const parameters: Record<string, string> = {};
    for (const key of [...this.overrides.keys()].sort(codeUnitOrder)) {
      parameters[key] = renderOverride(this.overrides.get(key) as OverrideValue);
    }
    const props = this.stepProps;
    return { // keys sorted, as the manifest writes them
      cache_executed_step: props.cacheExecutedStep ?? false,
      configurations: {},
      continue_on_fail: props.continueOnFail ?? false,
      monitor_artifacts: (props.monitorArtifacts ?? []).map((a) => [a, a]),
      monitor_metrics: (props.monitorMetrics ?? []).map((m) => [[m.title, m.series], [m.targetTitle ?? m.title, m.targetSeries ?? m.series]]),
      monitor_models: (props.monitorModels ?? []).map((m) => [m, m]),
      name: this.stepName,
      parameters,
      parents,
      queue,
      task_overrides: {},
      timeout: props.timeoutSeconds ?? null,
    };
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public userData(): Record<string, unknown> {
    return {};
  }

  /**
   * User values given in props that become parameters of the draft (by prop name); validation
   * refuses any string among them that contains `${` (ClearML would resolve it as a placeholder).
   */
  public parameterInputs(): Record<string, unknown> {
    return {};
  }

  /**
   * Problems found while building the step, and typed props wired to pipeline parameters of
   * another type (reported by validation, with the step's path).
   */
  public get constructionProblems(): readonly string[] {
    return this.boundArgs.empty ? this.problems : [...this.problems, ...this.boundArgs.problems(this.pipeline)];
  }

  /**
   * Wires a typed prop to its `Args` value: a pipeline parameter becomes a parameter override of
   * `key` (checked against the parameter's declared type at validation); a literal is left to the draft.
   * @param key the `Section/name` the prop is stored in, e.g. `Args/text_samples`
   * @param prop the prop's name, for messages
   * @param value the prop's value
   * @param expected the ClearML type the worker script reads
   */
  protected bindArg(key: string, prop: string, value: unknown, expected: ArgType): void {
    if (isParameterReference(value)) {
      this.addParameterOverride(key, value);
      this.boundArgs.add(key, prop, value, expected);
    }
  }

  /**
   * The value a typed prop puts in the draft: the literal, or (for a pipeline parameter) the
   * parameter's declared default, so the draft alone runs with the pipeline's defaults.
   */
  protected draftArg<T extends PlainValue>(value: Arg<T> | undefined): PlainValue {
    return draftValue(value, this.pipeline);
  }

  /** Records a problem in the step's props; validation reports it with the step's path. */
  protected reportProblem(message: string): void {
    if (!this.problems.includes(message)) {
      this.problems.push(message);
    }
  }

  private assertUnlocked(): void {
    if (this.node.locked) {
      throw new Error(`Cannot change step '${this.node.path}': the app was already synthesized. Build a new App instead.`);
    }
  }
}

// The brand lives on the prototype: one property for every step, not one per instance.
Object.defineProperty(Step.prototype, STEP_BRAND, { value: true });

/** Renders an override value as ClearML stores it. */
export function renderOverride(value: OverrideValue): string {
  if (Reference.isReference(value)) {
    return value.render();
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  return String(value);
}
