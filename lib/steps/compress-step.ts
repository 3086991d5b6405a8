/**
 * A compression step: the seed's LLMCompressorTask (llm-compressor one-shot compression).
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { flattenSection, PlainValue } from '../core/values';
import { Recipe } from './recipe';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { ModelStep, ModelStepProps } from './model-step';
import { modelArgs, renderWorkerTask, workerScript } from './worker';

/** Worker script of compression steps in the research repository. */
export const COMPRESS_ENTRY_POINT = 'src/automation/tasks/scripts/llmcompressor_script.py';
/** Packages every compression step installs. */
export const COMPRESS_PACKAGES: readonly string[] = ['git+https://github.com/vllm-project/llm-compressor.git', 'torchvision', 'hf_xet'];

/** Properties of a {@link CompressStep}. */
export interface CompressStepProps extends ModelStepProps {
  /** The recipe: `Recipe.preset(...)`, `Recipe.fromYaml(...)` or `Recipe.fromObject(...)`. */
  readonly recipe: Recipe;
  /**
   * Values of the recipe's `$variables`, merged over the preset's defaults.
   * @default the preset's defaults (none for YAML and object recipes)
   */
  readonly recipeArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * Calibration dataset name.
   * @default 'calibration'
   */
  readonly datasetName?: string;
  /**
   * Number of text calibration samples.
   * @default none (the script's default)
   */
  readonly textSamples?: number;
  /**
   * Number of vision calibration samples.
   * @default none (the script's default)
   */
  readonly visionSamples?: number;
  /**
   * Maximum sequence length of calibration samples.
   * @default 8192
   */
  readonly maxSeqLen?: number;
  /**
   * Let transformers run code from the model repository.
   * @default false
   */
  readonly trustRemoteCode?: boolean;
  /**
   * Directory the compressed model is saved to (also the output model name monitored).
   * @default 'output'
   */
  readonly saveDirectory?: string;
  /**
   * transformers class used to load the model.
   * @default 'AutoModelForCausalLM'
   */
  readonly modelClass?: string;
  /**
   * Skip computing sparsity statistics when saving.
   * @default true
   */
  readonly skipSparsityCompressionStats?: boolean;
}

/** Compresses a model with llm-compressor (the seed's `llmcompressor_script.py`). */
export class CompressStep extends ModelStep {
  /** Construct kind. */
  public readonly kind = 'CompressStep';
  /** A compression saves the compressed model as the task's output model. */
  public override readonly producesModel = true;
  /** The props given. */
  public readonly props: CompressStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props compression settings
   */
  public constructor(scope: Construct, id: string, props: CompressStepProps) {
    super(scope, id, props);
    this.props = props;
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const script = workerScript(p, { repository: RESEARCH_REPOSITORY, entryPoint: COMPRESS_ENTRY_POINT, packages: [...COMPRESS_PACKAGES, ...(p.packages ?? [])], addTaskInit: true });
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script,
      image: p.image ?? DEFAULT_IMAGE,
      hyperparams: { Args: flattenSection('Args', this.args()) },
      configuration: {},
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const p = this.props;
    return { recipeArgs: p.recipeArgs, textSamples: p.textSamples, visionSamples: p.visionSamples, maxSeqLen: p.maxSeqLen };
  }

  /** The model string and the recipe arguments (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return { ...super.parameterInputs(), recipeArgs: this.props.recipeArgs };
  }

  private args(): Record<string, PlainValue> {
    const p = this.props;
    const model = modelArgs(p.model, p.clearmlModel);
    const recipeArgs = Object.assign({}, p.recipe.defaultArgs, p.recipeArgs);
    return {
      model_id: model.modelId,
      recipe: p.recipe.yaml,
      recipe_args: Object.keys(recipeArgs).length > 0 ? recipeArgs : null,
      model_class: p.modelClass ?? 'AutoModelForCausalLM',
      dataset_name: p.datasetName ?? 'calibration',
      clearml_model: model.clearmlModel,
      force_download: p.forceDownload ?? false,
      save_directory: p.saveDirectory ?? 'output',
      text_samples: p.textSamples ?? null,
      vision_samples: p.visionSamples ?? null,
      max_seq_len: p.maxSeqLen ?? 8192,
      trust_remote_code: p.trustRemoteCode ?? false,
      skip_sparsity_compression_stats: p.skipSparsityCompressionStats ?? true,
      tags: p.tags && p.tags.length > 0 ? [...new Set(p.tags)].sort() : null,
    };
  }
}
