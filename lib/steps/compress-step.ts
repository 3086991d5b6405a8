/**
 * A compression step: the seed's LLMCompressorTask (llm-compressor one-shot compression).
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Arg, isParameterReference, ParameterReference } from '../core/parameter-reference';
import { ArgType } from '../core/bound-args';
import { flattenSection, PlainValue, renderValue } from '../core/values';
import { renderConfigurations } from './configuration';
import { PythonCallable } from './python-callable';
import { Recipe } from './recipe';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { ModelStep, ModelStepProps } from './model-step';
import { renderWorkerTask, workerScript } from './worker';

/** Worker script of compression steps in the research repository. */
export const COMPRESS_ENTRY_POINT = 'src/automation/tasks/scripts/llmcompressor_script.py';
/** Packages every compression step installs. */
export const COMPRESS_PACKAGES: readonly string[] = ['git+https://github.com/vllm-project/llm-compressor.git', 'torchvision', 'hf_xet'];

/** A recipe argument value: a literal, or a pipeline parameter. */
export type RecipeArgValue = PlainValue | ParameterReference<string> | ParameterReference<number> | ParameterReference<boolean>;

/**
 * Properties of a {@link CompressStep}. Each setting names the `Args` hyperparameter it is
 * stored in; every `Arg<T>` setting also takes a pipeline parameter of the same type
 * (`pipeline.parameter('text_samples')`), which becomes a parameter override of that key.
 */
export interface CompressStepProps extends ModelStepProps {
  /** `Args/recipe`: the recipe, `Recipe.preset(...)`, `Recipe.fromYaml(...)` or `Recipe.fromObject(...)`. */
  readonly recipe: Recipe;
  /**
   * `Args/recipe_args/<name>`: values of the recipe's `$variables`, merged over the preset's
   * defaults; a value may be a pipeline parameter (checked against the preset default's type).
   * @default the preset's defaults (none for YAML and object recipes)
   */
  readonly recipeArgs?: Readonly<Record<string, RecipeArgValue>>;
  /**
   * `Args/dataset_name`: calibration dataset name.
   * @default 'calibration'
   */
  readonly datasetName?: Arg<string>;
  /**
   * `Args/text_samples`: number of text calibration samples (an `int`).
   * @default none (the script's default)
   */
  readonly textSamples?: Arg<number>;
  /**
   * `Args/vision_samples`: number of vision calibration samples (an `int`).
   * @default none (the script's default)
   */
  readonly visionSamples?: Arg<number>;
  /**
   * `Args/max_seq_len`: maximum sequence length of calibration samples (an `int`).
   * @default 8192
   */
  readonly maxSeqLen?: Arg<number>;
  /**
   * `Args/trust_remote_code`: let transformers run code from the model repository.
   * @default false
   */
  readonly trustRemoteCode?: Arg<boolean>;
  /**
   * `Args/save_directory`: directory the compressed model is saved to (also the output model name monitored).
   * @default 'output'
   */
  readonly saveDirectory?: Arg<string>;
  /**
   * `Args/model_class`: transformers class used to load the model.
   * @default 'AutoModelForCausalLM'
   */
  readonly modelClass?: Arg<string>;
  /**
   * `Args/skip_sparsity_compression_stats`: skip computing sparsity statistics when saving.
   * @default true
   */
  readonly skipSparsityCompressionStats?: Arg<boolean>;
  /**
   * Configuration `dataset loader`: a Python function that loads the calibration dataset
   * (stored as `{ name, code }`, the way the seed serializes callables).
   * @default none
   */
  readonly datasetLoader?: PythonCallable;
  /**
   * Configuration `data collator`: a Python function that collates calibration batches.
   * @default none
   */
  readonly dataCollator?: PythonCallable;
}

const TYPED_ARGS: readonly (readonly [keyof CompressStepProps, string, ArgType])[] = [
  ['datasetName', 'dataset_name', 'str'], ['textSamples', 'text_samples', 'int'], ['visionSamples', 'vision_samples', 'int'],
  ['maxSeqLen', 'max_seq_len', 'int'], ['trustRemoteCode', 'trust_remote_code', 'bool'], ['saveDirectory', 'save_directory', 'str'],
  ['modelClass', 'model_class', 'str'], ['skipSparsityCompressionStats', 'skip_sparsity_compression_stats', 'bool'],
];

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
    for (const [prop, name, type] of TYPED_ARGS) {
      this.bindArg(`Args/${name}`, prop, props[prop], type);
    }
    for (const [name, value] of Object.entries(props.recipeArgs ?? {})) {
      const expected = recipeArgType(props.recipe.defaultArgs[name]);
      if (expected !== undefined) {
        this.bindArg(`Args/recipe_args/${name}`, `recipeArgs.${name}`, value, expected);
      } else if (isParameterReference(value)) {
        this.addParameterOverride(`Args/recipe_args/${name}`, value); // no default to type it by
      }
    }
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
      configuration: renderConfigurations({ 'data collator': p.dataCollator?.toConfiguration(), 'dataset loader': p.datasetLoader?.toConfiguration() }),
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const p = this.props;
    return { recipeArgs: this.recipeArgsDraft(), textSamples: this.draftArg(p.textSamples), visionSamples: this.draftArg(p.visionSamples), maxSeqLen: this.draftArg(p.maxSeqLen) };
  }

  private recipeArgsDraft(): Record<string, PlainValue> {
    const args: Record<string, PlainValue> = Object.assign({}, this.props.recipe.defaultArgs);
    for (const [name, value] of Object.entries(this.props.recipeArgs ?? {})) {
      args[name] = this.draftArg(value);
    }
    return args;
  }

  /** The model string, the recipe arguments and the text settings (checked for `${`; references are skipped). */
  public override parameterInputs(): Record<string, unknown> {
    const p = this.props;
    return { ...super.parameterInputs(), recipeArgs: p.recipeArgs, datasetName: p.datasetName, saveDirectory: p.saveDirectory, modelClass: p.modelClass };
  }

  private args(): Record<string, PlainValue> {
    const p = this.props;
    const model = this.modelDraft();
    const recipeArgs = this.recipeArgsDraft();
    return {
      model_id: model.modelId,
      recipe: p.recipe.yaml,
      recipe_args: Object.keys(recipeArgs).length > 0 ? recipeArgs : null,
      model_class: this.draftArg(p.modelClass) ?? 'AutoModelForCausalLM',
      dataset_name: this.draftArg(p.datasetName) ?? 'calibration',
      clearml_model: model.clearmlModel,
      force_download: this.forceDownloadDraft(),
      save_directory: this.draftArg(p.saveDirectory) ?? 'output',
      text_samples: this.draftArg(p.textSamples) ?? null,
      vision_samples: this.draftArg(p.visionSamples) ?? null,
      max_seq_len: this.draftArg(p.maxSeqLen) ?? 8192,
      trust_remote_code: this.draftArg(p.trustRemoteCode) ?? false,
      skip_sparsity_compression_stats: this.draftArg(p.skipSparsityCompressionStats) ?? true,
      tags: p.tags && p.tags.length > 0 ? [...new Set(p.tags)].sort() : null,
    };
  }
}

/** The type a recipe argument must have: the preset default's; undefined when the recipe has no default for it. */
function recipeArgType(defaultValue: PlainValue): ArgType | undefined {
  const type = renderValue(defaultValue ?? null).type;
  return type === 'int' || type === 'float' || type === 'bool' || type === 'str' ? type : undefined;
}
