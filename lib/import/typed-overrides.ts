/**
 * Task overrides that let a typed step reproduce a draft it renders almost exactly: what the seed
 * stores differently from cdk-style's rendering in its own drafts (the comment, `binary: python`,
 * requirements in set order, the SDK's `Task.init()` patch wording, an lm-eval draft's placeholder
 * `model_id`). Only fields that say nothing about what the step computes qualify; a different
 * recipe, suite or argument keeps the step a `DraftStep`. (A configuration the SDK stored as HOCON
 * needs none: `compareTask` counts a text with the same settings as the declared JSON.)
 */
import { PlainValue } from '../core/values';
import { ObservedTask } from '../deploy/observe';

/** The most overrides a typed step may carry; beyond it a DraftStep reads better. */
export const MAX_TASK_OVERRIDES = 6;

/** Changed paths a task override may carry (the model id's draft value is never used: the run overrides it). */
const OVERRIDABLE_CHANGE = /^(comment|tags|output_dest|script\.[a-z_]+(\.pip)?|container\.[a-z_]+|hyperparams\.Args\.model_id)$/;

function valueAt(live: ObservedTask, path: string): PlainValue | undefined {
  if (path === 'output_dest') {
    return live.output?.destination;
  }
  if (path === 'tags') {
    return [...new Set(live.tags ?? [])].sort();
  }
  let node: unknown = live;
  for (const segment of path.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node as PlainValue | undefined;
}

/** True when a task override may carry the change at `path`. */
export function isOverridableChange(path: string): boolean {
  return OVERRIDABLE_CHANGE.test(path);
}

/**
 * The task overrides that turn the changed `paths` back into what `live` stores, or undefined when
 * a change is not one a task override should carry (or there are too many).
 */
export function overridesFor(paths: readonly string[], live: ObservedTask): Record<string, PlainValue> | undefined {
  if (paths.length === 0 || paths.length > MAX_TASK_OVERRIDES || !paths.every(isOverridableChange)) {
    return undefined;
  }
  const overrides: Record<string, PlainValue> = {};
  for (const path of paths) {
    // A hyperparameter differs by its value: override just that (the check after says if it was all).
    const target = path.startsWith('hyperparams.') ? `${path}.value` : path;
    const value = valueAt(live, target);
    if (value === undefined) {
      return undefined;
    }
    overrides[target] = value;
  }
  return overrides;
}
