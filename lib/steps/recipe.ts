/**
 * llm-compressor recipes: a preset, YAML text, or an object dumped to YAML.
 */
import YAML from 'yaml';
import { PlainValue } from '../core/values';
import { COMPRESSION_PRESETS, CompressionPresetName } from './presets/compression';

/** An llm-compressor recipe and the default values of its `$variables`. */
export class Recipe {
  /** A standard recipe, with its default recipe args (e.g. `quantization_w4a16`). */
  public static preset(name: CompressionPresetName): Recipe {
    const preset = COMPRESSION_PRESETS[name];
    if (!preset) {
      throw new Error(`Unknown recipe preset '${name}'; use one of: ${Object.keys(COMPRESSION_PRESETS).join(', ')}.`);
    }
    let recipe = PRESET_CACHE.get(name);
    if (!recipe) {
      recipe = new Recipe(dumpYaml(preset.recipe), preset.recipeArgs);
      PRESET_CACHE.set(name, recipe);
    }
    return recipe;
  }

  /** A recipe given as YAML text (stored verbatim). */
  public static fromYaml(text: string): Recipe {
    return new Recipe(text, {});
  }

  /** A recipe given as an object, dumped to YAML with keys in the given order. */
  public static fromObject(recipe: Readonly<Record<string, PlainValue>>): Recipe {
    return new Recipe(dumpYaml(recipe), {});
  }

  /** The YAML text stored in `Args/recipe`. */
  public readonly yaml: string;
  /** Default recipe args (overridden key by key by the step's `recipeArgs`). */
  public readonly defaultArgs: Readonly<Record<string, PlainValue>>;

  private constructor(yaml: string, defaultArgs: Readonly<Record<string, PlainValue>>) {
    this.yaml = yaml;
    this.defaultArgs = defaultArgs;
  }
}

const PRESET_CACHE = new Map<string, Recipe>();

/** Block-style YAML, keys in insertion order, sequences not indented under their key. */
function dumpYaml(value: Readonly<Record<string, PlainValue>>): string {
  return YAML.stringify(value, { indentSeq: false, lineWidth: 0 });
}
