/**
 * lm-eval `model_args` merging, as the seed's LMEvalTask does it: the step's pieces, then the
 * suite's, duplicates rejected, then `dtype=auto`, `enable_chunked_prefill=True` and
 * `enforce_eager=True` appended when absent.
 */
import { PlainValue } from '../core/values';

/** `model_args` as a comma string (`a=1,b=2`) or as an object. */
export type ModelArgsInput = string | Readonly<Record<string, string | number | boolean>>;

const DEFAULTS: readonly [string, string][] = [['dtype', 'auto'], ['enable_chunked_prefill', 'True'], ['enforce_eager', 'True']];

/** Parses `model_args` into ordered pairs; throws on a piece without `=`. */
export function parseModelArgs(input: ModelArgsInput | undefined): [string, string][] {
  if (input === undefined || input === '') {
    return [];
  }
  if (typeof input !== 'string') {
    return Object.entries(input).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)]);
  }
  return input.split(',').map((piece) => {
    const at = piece.indexOf('=');
    if (at <= 0) {
      throw new Error(`model_args piece '${piece}' is not of the form key=value`);
    }
    return [piece.slice(0, at), piece.slice(at + 1)];
  });
}

/** Merges the step's and the suite's `model_args`; returns the comma string and any duplicate keys. */
export function mergeModelArgs(step: ModelArgsInput | undefined, suite: PlainValue): { text: string; duplicates: string[] } {
  const merged = new Map<string, string>();
  const duplicates: string[] = [];
  const suitePairs = typeof suite === 'string' ? parseModelArgs(suite) : [];
  for (const [key, value] of [...parseModelArgs(step), ...suitePairs]) {
    if (merged.has(key)) {
      duplicates.push(key);
    }
    merged.set(key, value);
  }
  for (const [key, value] of DEFAULTS) {
    if (!merged.has(key)) {
      merged.set(key, value);
    }
  }
  return { text: [...merged].map(([k, v]) => `${k}=${v}`).join(','), duplicates };
}
