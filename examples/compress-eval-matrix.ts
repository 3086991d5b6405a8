/**
 * A reusable construct equivalent to the seed's LLMCompressorLMEvalPipeline: one compression,
 * N evaluation suites each on its own queue, pipeline parameters mapped to `Args/...` and
 * `Args/recipe_args/...` overrides of the compression step, monitored metrics.
 *
 * The app below ports the seed's examples/pipeline_w4a16_example.py.
 */
import { Construct } from 'constructs';
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { ModelArgsInput } from '../lib/steps/model-args';
import { PIPELINE_PRESETS, PipelinePreset } from '../lib/steps/presets/pipelines';
import { Recipe } from '../lib/steps/recipe';

/** Per-evaluation settings of a {@link CompressEvalPipeline}. */
export interface MatrixEvaluationProps {
  /** Queue the evaluation runs on. */
  readonly queue: string;
  /**
   * Extra model arguments merged with the suite's.
   * @default none
   */
  readonly modelArgs?: ModelArgsInput;
}

/** Properties of a {@link CompressEvalPipeline}. */
export interface CompressEvalPipelineProps {
  /** ClearML project. */
  readonly project: string;
  /** Hugging Face id of the model to compress. */
  readonly model: string;
  /** The compression, parameters and evaluations (e.g. `PIPELINE_PRESETS.pipeline_w4a16`). */
  readonly preset: PipelinePreset;
  /** Queue of the compression step. */
  readonly compressionQueue: string;
  /** Settings of each evaluation of the preset, keyed like `preset.evaluations`. */
  readonly evaluations: Readonly<Record<string, MatrixEvaluationProps>>;
  /**
   * Pipeline version.
   * @default '1.0.0'
   */
  readonly version?: string;
}

/** Compress once, evaluate with several suites; tunable recipe args as pipeline parameters. */
export class CompressEvalPipeline extends Pipeline {
  /** The compression step. */
  public readonly compression: CompressStep;
  /** The evaluation steps, keyed like `preset.evaluations`. */
  public readonly evaluations: Readonly<Record<string, EvalStep>>;

  /**
   * @param scope the app
   * @param id construct id, also the pipeline name and the prefix of step names
   * @param props model, preset and queues
   */
  public constructor(scope: Construct, id: string, props: CompressEvalPipelineProps) {
    super(scope, id, { project: props.project, version: props.version });
    const compressionName = `${id}_${props.preset.compression.name}`;
    this.compression = new CompressStep(this, compressionName, {
      model: props.model,
      recipe: Recipe.preset(props.preset.compression.preset),
      queue: props.compressionQueue,
      monitorModels: ['output'],
      monitorArtifacts: ['recipe'],
    });
    for (const [name, param] of Object.entries(props.preset.parameters)) {
      const reference = this.addParameter(name, { default: param.default, type: param.type });
      this.compression.addParameterOverride(param.recipeArg ? `Args/recipe_args/${name}` : `Args/${name}`, reference);
    }
    const evaluations: Record<string, EvalStep> = {};
    for (const [name, evaluation] of Object.entries(props.preset.evaluations)) {
      const settings = props.evaluations[name];
      if (!settings) {
        throw new Error(`CompressEvalPipeline '${id}': no settings for evaluation '${name}'; add evaluations.${name} = { queue: '...' }`);
      }
      evaluations[name] = new EvalStep(this, `${id}_${name}`, {
        model: this.compression.outputModel,
        suite: EvalSuite.preset(evaluation.suite),
        queue: settings.queue,
        modelArgs: settings.modelArgs,
        monitorMetrics: evaluation.monitorMetrics.map(([title, series]) => ({ title, series })),
      });
    }
    this.evaluations = evaluations;
  }
}

/** Builds the app of the seed's pipeline_w4a16_example.py (without synthesizing it). */
export function buildMatrixApp(app: App = new App()): App {
  new CompressEvalPipeline(app, 'pipeline_w4a16_example', {
    project: 'alexandre_debug',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    preset: PIPELINE_PRESETS.pipeline_w4a16,
    compressionQueue: 'oneshot-a100x1',
    evaluations: { evaluation: { queue: 'oneshot-a100x1', modelArgs: 'gpu_memory_utilization=0.4,enable_chunked_prefill=True' } },
  });
  return app;
}

if (require.main === module) {
  buildMatrixApp().synth();
}
