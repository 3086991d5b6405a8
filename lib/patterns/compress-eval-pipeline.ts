/**
 * The evaluation matrix, an L3 construct: one model compressed one or more ways (e.g. w4a16 and
 * w8a8, each from a seed pipeline preset with its tunable parameters), every compressed model
 * evaluated with M suites (each on its own queue), and optionally the uncompressed model
 * evaluated with the same suites as the baseline. Synth fails when a baseline evaluation and a
 * compressed counterpart differ in a setting that changes scores.
 */
import { Construct } from 'constructs';
import { Pipeline } from '../core/pipeline';
import { PlainValue } from '../core/values';
import { CompressStep } from '../steps/compress-step';
import { EvalStep } from '../steps/eval-step';
import { EvalSuite } from '../steps/eval-suite';
import { ModelArgsInput } from '../steps/model-args';
import { EvaluationPresetName } from '../steps/presets/evaluations';
import { PipelinePreset } from '../steps/presets/pipelines';
import { Recipe } from '../steps/recipe';
import { ModelInput } from '../steps/worker';
import { settingDifferences, showSetting } from './comparable-settings';

/** Settings of one evaluation suite of a {@link CompressEvalPipeline}. */
export interface MatrixEvaluationProps {
  /** Queue the suite's evaluations run on. */
  readonly queue: string;
  /**
   * The suite.
   * @default the suite of the preset's evaluation of the same name
   */
  readonly suite?: EvalSuite | EvaluationPresetName;
  /**
   * Extra model arguments merged with the suite's.
   * @default none
   */
  readonly modelArgs?: ModelArgsInput;
  /**
   * Few-shot examples per task.
   * @default lm-eval's default
   */
  readonly numFewshot?: number;
  /**
   * Examples per task (quick runs).
   * @default all
   */
  readonly limit?: number;
  /**
   * Batch size (may differ between the baseline and the compressed models).
   * @default lm-eval's default
   */
  readonly batchSize?: number | string;
  /**
   * Other lm-eval arguments.
   * @default none
   */
  readonly lmEvalArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * `[title, series]` metrics monitored on the pipeline.
   * @default the preset evaluation's
   */
  readonly monitorMetrics?: readonly (readonly [string, string])[];
}

/** The baseline's own settings; anything that changes scores must equal its counterparts' (checked at synth). */
export interface MatrixBaselineProps {
  /**
   * Queue of the baseline evaluations (the uncompressed model may need larger GPUs).
   * @default each suite's queue
   */
  readonly queue?: string;
  /**
   * Settings of a suite's baseline evaluation that replace the suite's, by suite name.
   * @default the suites' settings
   */
  readonly evaluations?: Readonly<Record<string, Partial<Omit<MatrixEvaluationProps, 'suite' | 'monitorMetrics'>>>>;
}

/** Properties of a {@link CompressEvalPipeline}. */
export interface CompressEvalPipelineProps {
  /** ClearML project. */
  readonly project: string;
  /** Hugging Face id of the model to compress (and of the baseline). */
  readonly model: string;
  /**
   * One compression: a seed pipeline preset (`PIPELINE_PRESETS.pipeline_w4a16`); its parameters become pipeline parameters.
   * @default none: give `compressions`
   */
  readonly preset?: PipelinePreset;
  /**
   * Several compressions by variant name (`{ w4a16: PIPELINE_PRESETS.pipeline_w4a16, w8a8: ... }`); their parameters become `<variant>_<name>` pipeline parameters.
   * @default none: give `preset`
   */
  readonly compressions?: Readonly<Record<string, PipelinePreset>>;
  /** Queue of the compression steps. */
  readonly compressionQueue: string;
  /** The suites by name (the preset's evaluations need an entry each; others name their `suite`). */
  readonly evaluations: Readonly<Record<string, MatrixEvaluationProps>>;
  /**
   * Evaluate the uncompressed model with the same suites: `true`, or its own queue and settings.
   * @default false
   */
  readonly baseline?: boolean | MatrixBaselineProps;
  /**
   * Pipeline version.
   * @default '1.0.0'
   */
  readonly version?: string;
}

interface Variant {
  readonly name: string;
  readonly stepName: string;
  readonly preset: PipelinePreset;
  readonly parameterPrefix: string;
}

function variantsOf(id: string, props: CompressEvalPipelineProps): Variant[] {
  const many = Object.entries(props.compressions ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if ((props.preset === undefined) === (many.length === 0)) {
    throw new Error(`CompressEvalPipeline '${id}': give either preset (one compression) or compressions (several), not ${props.preset === undefined ? 'neither' : 'both'}`);
  }
  if (props.preset !== undefined) {
    return [{ name: props.preset.compression.name, stepName: `${id}_${props.preset.compression.name}`, preset: props.preset, parameterPrefix: '' }];
  }
  return many.map(([name, preset]) => ({ name, stepName: `${id}_${name}`, preset, parameterPrefix: `${name}_` }));
}

/** Compress one model one or more ways, evaluate each with several suites, optionally against the uncompressed baseline. */
export class CompressEvalPipeline extends Pipeline {
  /** The (first) compression step. */
  public readonly compression: CompressStep;
  /** The compression steps by variant name (`quantization` for a single `preset`). */
  public readonly compressions: Readonly<Record<string, CompressStep>>;
  /** The evaluations of the (first) compressed model by suite name. */
  public readonly evaluations: Readonly<Record<string, EvalStep>>;
  /** Every compressed model's evaluations: variant → suite → step. */
  public readonly matrix: Readonly<Record<string, Readonly<Record<string, EvalStep>>>>;
  /** The baseline's evaluations by suite name (empty without a baseline). */
  public readonly baselineEvaluations: Readonly<Record<string, EvalStep>>;

  /**
   * @param scope the app
   * @param id construct id, also the pipeline name and the prefix of step names
   * @param props model, compressions, suites, baseline
   */
  public constructor(scope: Construct, id: string, props: CompressEvalPipelineProps) {
    super(scope, id, { project: props.project, version: props.version });
    const variants = variantsOf(id, props);
    const single = props.preset !== undefined;
    const compressions: Record<string, CompressStep> = {};
    const matrix: Record<string, Record<string, EvalStep>> = {};
    const suites = this.suiteNames(variants, props);
    for (const variant of variants) {
      const step = this.addCompression(variant, props);
      compressions[variant.name] = step;
      matrix[variant.name] = Object.fromEntries(suites.map((suite) =>
        [suite, this.addEvaluation(single ? `${id}_${suite}` : `${id}_${variant.name}_${suite}`, step.outputModel, suite, variants, props)]));
    }
    this.compressions = compressions;
    this.matrix = matrix;
    this.compression = compressions[variants[0].name];
    this.evaluations = matrix[variants[0].name];
    this.baselineEvaluations = props.baseline ? this.addBaseline(id, suites, variants, props) : {};
  }

  private suiteNames(variants: readonly Variant[], props: CompressEvalPipelineProps): string[] {
    const names = new Set([...variants.flatMap((v) => Object.keys(v.preset.evaluations)), ...Object.keys(props.evaluations)]);
    for (const name of names) {
      if (props.evaluations[name] === undefined) {
        throw new Error(`CompressEvalPipeline '${this.node.id}': no settings for evaluation '${name}'; add evaluations.${name} = { queue: '...' }`);
      }
    }
    return [...names].sort();
  }

  private addCompression(variant: Variant, props: CompressEvalPipelineProps): CompressStep {
    const step = new CompressStep(this, variant.stepName, {
      model: props.model,
      recipe: Recipe.preset(variant.preset.compression.preset),
      queue: props.compressionQueue,
      monitorModels: ['output'],
      monitorArtifacts: ['recipe'],
    });
    for (const [name, param] of Object.entries(variant.preset.parameters)) {
      const reference = this.addParameter(`${variant.parameterPrefix}${name}`, { default: param.default, type: param.type });
      step.addParameterOverride(param.recipeArg ? `Args/recipe_args/${name}` : `Args/${name}`, reference);
    }
    return step;
  }

  private suiteOf(suite: string, variants: readonly Variant[], props: CompressEvalPipelineProps): { suite: EvalSuite; monitor: readonly (readonly [string, string])[] } {
    const settings = props.evaluations[suite];
    const fromPreset = variants.map((v) => v.preset.evaluations[suite]).find((e) => e !== undefined);
    const given = settings.suite ?? fromPreset?.suite;
    if (given === undefined) {
      throw new Error(`CompressEvalPipeline '${this.node.id}': evaluation '${suite}' names no suite and no preset has it; set evaluations.${suite}.suite (e.g. 'openllm')`);
    }
    return { suite: typeof given === 'string' ? EvalSuite.preset(given) : given, monitor: settings.monitorMetrics ?? fromPreset?.monitorMetrics ?? [] };
  }

  private addEvaluation(id: string, model: ModelInput, suite: string, variants: readonly Variant[], props: CompressEvalPipelineProps,
    own: Partial<MatrixEvaluationProps> = {}, queue?: string): EvalStep {
    const settings = { ...props.evaluations[suite], ...own };
    const chosen = this.suiteOf(suite, variants, props);
    return new EvalStep(this, id, {
      model,
      suite: chosen.suite,
      queue: queue ?? settings.queue,
      modelArgs: settings.modelArgs,
      numFewshot: settings.numFewshot,
      limit: settings.limit,
      batchSize: settings.batchSize,
      lmEvalArgs: settings.lmEvalArgs,
      monitorMetrics: chosen.monitor.map(([title, series]) => ({ title, series })),
    });
  }

  private addBaseline(id: string, suites: readonly string[], variants: readonly Variant[], props: CompressEvalPipelineProps): Record<string, EvalStep> {
    const baseline = typeof props.baseline === 'object' ? props.baseline : {};
    const steps: Record<string, EvalStep> = {};
    for (const suite of suites) {
      const step = this.addEvaluation(`${id}_baseline_${suite}`, props.model, suite, variants, props, baseline.evaluations?.[suite] ?? {}, baseline.queue);
      const counterparts = variants.map((v) => this.matrix[v.name][suite]);
      step.node.addValidation({ validate: () => counterparts.flatMap((c) => mismatches(step, c)) });
      steps[suite] = step;
    }
    return steps;
  }
}

function mismatches(baseline: EvalStep, counterpart: EvalStep): string[] {
  return settingDifferences(baseline, counterpart).map((d) =>
    `baseline evaluation and its compressed counterpart '${counterpart.node.path}' differ in '${d.setting}': ${showSetting(d.first)} here, ${showSetting(d.second)} there; `
    + 'evaluate the baseline exactly like the compressed models (recovery compares like with like)');
}
