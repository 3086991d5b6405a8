/**
 * What an evaluation step measures, read from its task's configuration (JSON as cdk-style writes
 * it, or HOCON as the ClearML SDK writes the seed's drafts): the suite's name and the seed's
 * `groups` (the averages a suite reports). lm-eval's `lm_eval` configuration is read today;
 * another evaluation kind (LightEval, ...) joins by adding a {@link SuiteReader}.
 */
import { parseHocon } from '../clearml/hocon';

/** A leaf of a `groups` tree: one task's metric, optionally normalised against random guessing. */
export interface GroupLeaf {
  /** The metric (lm-eval series), e.g. `acc,none`. */
  readonly series: string;
  /** Rescale `(score - random_score) / (1 - random_score)` before averaging. */
  readonly normalize?: boolean;
  /** Score of random guessing (with `normalize`). */
  readonly random_score?: number;
  /** Weight of the score in its group. */
  readonly weight?: number;
}

/** A `groups` tree: group name → members (tasks as leaves, or nested groups). */
export interface GroupTree {
  readonly [name: string]: GroupLeaf | GroupTree;
}

/** The suite of one evaluation step. */
export interface SuiteInfo {
  /** Suite name as shown in reports (lm-eval: the `tasks` setting, e.g. `openllm`). */
  readonly name: string;
  /** Its averages, as the seed's evaluation presets declare them. */
  readonly groups: GroupTree;
}

/** Reads the suite of one evaluation kind from its configuration object. */
export interface SuiteReader {
  /** Name of the task's configuration object holding the settings (e.g. `lm_eval`). */
  readonly configuration: string;
  /** The suite, or undefined when the settings do not name one. */
  read(settings: Readonly<Record<string, unknown>>): SuiteInfo | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** lm-evaluation-harness: `tasks` (string or list) and `groups`. */
export const LM_EVAL_SUITE: SuiteReader = {
  configuration: 'lm_eval',
  read(settings) {
    const tasks = Array.isArray(settings.tasks) ? settings.tasks.map(String).join(',') : settings.tasks;
    if (typeof tasks !== 'string' || tasks === '') {
      return undefined;
    }
    return { name: tasks, groups: isRecord(settings.groups) ? (settings.groups as GroupTree) : {} };
  },
};

/** The readers tried in order. */
export const SUITE_READERS: readonly SuiteReader[] = [LM_EVAL_SUITE];

/**
 * The settings a configuration text holds: JSON (what cdk-style writes) or HOCON (what the ClearML
 * SDK writes for the seed's own drafts); undefined when it is neither.
 */
function settingsOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseHocon(text);
    } catch {
      return undefined;
    }
  }
}

/** True when `node` is a leaf of a groups tree. */
export function isGroupLeaf(node: GroupLeaf | GroupTree): node is GroupLeaf {
  return typeof (node as GroupLeaf).series === 'string';
}

/**
 * The suite of a task from its `configuration` map (`{name: {value: text}}`, as ClearML stores
 * it and the manifest renders it), or undefined when it is not an evaluation.
 */
export function suiteOfConfiguration(configuration: unknown): SuiteInfo | undefined {
  if (!isRecord(configuration)) {
    return undefined;
  }
  for (const reader of SUITE_READERS) {
    const item = configuration[reader.configuration];
    const text = isRecord(item) ? item.value : undefined;
    if (typeof text !== 'string') {
      continue;
    }
    const settings = settingsOf(text);
    const suite = isRecord(settings) ? reader.read(settings) : undefined;
    if (suite !== undefined) {
      return suite;
    }
  }
  return undefined;
}
