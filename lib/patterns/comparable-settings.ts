/**
 * The apples-to-apples rule of an evaluation matrix: a baseline evaluation and each compressed
 * counterpart must be evaluated the same way. The settings compared are everything that changes
 * a score (tasks, few-shot, limit, chat template, model arguments other than the model itself,
 * ...); the batch size and the queue are not. Evaluation kinds register how to read their
 * settings, so another kind (e.g. a LightEval step) can join a matrix.
 */
import { Step } from '../core/step';
import { PlainValue } from '../core/values';
import { EvalStep } from '../steps/eval-step';
import { parseModelArgs } from '../steps/model-args';

/** Reads the settings of one evaluation step kind that must match across a matrix, flattened as `setting → value`. */
export type SettingsReader = (step: Step) => Record<string, PlainValue>;

/** Settings that do not change a score, so may differ between a baseline and its counterparts. */
const NOT_COMPARED = new Set(['batch_size']);

/** Model arguments that name the model itself. */
const MODEL_IDENTITY = new Set(['pretrained']);

function lmEvalSettings(step: Step): Record<string, PlainValue> {
  const settings = (step as EvalStep).lmEvalSettings();
  const flat: Record<string, PlainValue> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'model_args' && typeof value === 'string') {
      parseModelArgs(value).filter(([k]) => !MODEL_IDENTITY.has(k)).forEach(([k, v]) => { flat[`model_args.${k}`] = v; });
    } else if (!NOT_COMPARED.has(key)) {
      flat[key] = value;
    }
  }
  return flat;
}

/** Settings readers by step kind. */
export const SETTINGS_READERS: Record<string, SettingsReader> = { EvalStep: lmEvalSettings };

/** One setting that differs between two evaluations. */
export interface SettingDifference {
  /** Setting name (`num_fewshot`, `model_args.max_model_len`, ...). */
  readonly setting: string;
  /** Its value in the first evaluation (undefined: not set). */
  readonly first: PlainValue | undefined;
  /** Its value in the second. */
  readonly second: PlainValue | undefined;
}

const same = (a: PlainValue | undefined, b: PlainValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The settings that differ between `first` and `second` (sorted by name); both must be of a registered kind. */
export function settingDifferences(first: Step, second: Step): SettingDifference[] {
  const read = (s: Step): Record<string, PlainValue> => (SETTINGS_READERS[s.kind] ?? (() => ({})))(s);
  const [a, b] = [read(first), read(second)];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => !same(a[k], b[k])).map((setting) => ({ setting, first: a[setting], second: b[setting] }));
}

/** A setting's value as shown in an error. */
export function showSetting(value: PlainValue | undefined): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}
