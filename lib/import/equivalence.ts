/**
 * Differences between a draft on the server and the one a typed step renders that do not change
 * what runs: how the seed's automation package (through the ClearML SDK) writes a draft versus how
 * cdk-style writes the same draft. Recorded from the real SDK (test/import/fixtures/recorded-*.json):
 *
 * - `script.binary`: `Task.create` sends none, so the server's default `python` is stored; cdk-style
 *   writes `python3`. Neither names a Python version.
 * - `script.diff`: both are the four-line patch that adds `Task.init()` to the entry point, worded
 *   differently.
 * - `script.requirements.pip`: the seed merges packages through a Python `set()`, so their order
 *   changes from one run to the next; cdk-style sorts them.
 * - configuration dictionaries: the SDK stores HOCON text, cdk-style JSON; the seed's scripts parse
 *   both with pyhocon into the same settings.
 * - a hyperparameter the node overrides with a reference (the seed's `model_id='dummy'`): the draft
 *   value is never used, the controller replaces it before the step runs.
 */
import { ConfigurationItem, HyperParamItem, TaskSpec } from '../manifest/schema';
import { ObservedTask } from '../deploy/observe';
import { HoconError, parseHocon } from './hocon';

const DEFAULT_INTERPRETERS = new Set(['python', 'python3']);

/** True when `diff` is only the patch that adds a `Task.init()` call at the top of `entryPoint`. */
export function isTaskInitPatch(diff: string, entryPoint: string): boolean {
  const lines = diff.split('\n');
  return lines.length === 9 && lines[8] === '' && lines[7] === '+'
    && lines[0] === `diff --git a/${entryPoint} b/${entryPoint}` && lines[1] === `--- a/${entryPoint}` && lines[2] === `+++ b/${entryPoint}`
    && lines[3] === '@@ -0,0 +1,4 @@'
    && lines[4] === '+try: from allegroai import Task' && lines[5] === '+except ImportError: from clearml import Task'
    && /^\+.*__name__.*__main__.*Task\.init\(\)$/.test(lines[6]);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameSettings(liveText: string, renderedText: string): boolean {
  try {
    return canonical(parseHocon(liveText)) === canonical(JSON.parse(renderedText));
  } catch (error) {
    if (error instanceof HoconError || error instanceof SyntaxError) {
      return false;
    }
    throw error;
  }
}

function configurationReason(name: string, live: Partial<ConfigurationItem> | undefined, rendered: ConfigurationItem | undefined): string | undefined {
  if (live === undefined || rendered === undefined || live.type !== 'dictionary' || rendered.type !== 'dictionary'
    || (live.description ?? '') !== rendered.description || (live.name ?? name) !== rendered.name) {
    return undefined;
  }
  return sameSettings(live.value ?? '', rendered.value)
    ? `configuration ${name}: the same settings, written as JSON instead of the SDK's HOCON text`
    : undefined;
}

function hyperparamReason(key: string, live: Partial<HyperParamItem> | undefined, rendered: HyperParamItem | undefined, overridden: ReadonlyMap<string, string>): string | undefined {
  const placeholder = overridden.get(key);
  if (placeholder === undefined || live === undefined || rendered === undefined || (live.type ?? '') !== (rendered.type ?? '') || (live.description ?? '') !== rendered.description) {
    return undefined;
  }
  return `hyperparameter ${key}: draft value ${JSON.stringify(live.value ?? '')} becomes ${JSON.stringify(rendered.value)}; neither is used, the node overrides it with ${placeholder}`;
}

function scriptReason(path: string, live: ObservedTask, rendered: TaskSpec): string | undefined {
  const s = live.script ?? {};
  switch (path) {
    case 'script.binary':
      return DEFAULT_INTERPRETERS.has(s.binary ?? '') && DEFAULT_INTERPRETERS.has(rendered.script.binary)
        ? `script.binary ${s.binary} becomes ${rendered.script.binary}: neither names a Python version` : undefined;
    case 'script.diff':
      return isTaskInitPatch(s.diff ?? '', rendered.script.entry_point) && isTaskInitPatch(rendered.script.diff, rendered.script.entry_point)
        ? 'script.diff: both only add the Task.init() call to the entry point, worded differently' : undefined;
    case 'script.requirements.pip': {
      const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '').sort().join('\n');
      return lines(s.requirements?.pip ?? '') === lines(rendered.script.requirements.pip)
        ? 'script.requirements.pip: the same packages, sorted' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Why the change at `path` (a {@link compareTask} path) between `live` and `rendered` leaves the
 * run the same, or `undefined` when it is a real difference. `overridden` maps each parameter
 * the node overrides with a placeholder (`Section/name`) to that placeholder.
 */
export function sameRunReason(path: string, live: ObservedTask, rendered: TaskSpec, overridden: ReadonlyMap<string, string>): string | undefined {
  if (path.startsWith('script.')) {
    return scriptReason(path, live, rendered);
  }
  const configuration = /^configuration\.(.+)$/.exec(path);
  if (configuration !== null) {
    const name = configuration[1];
    return configurationReason(name, live.configuration?.[name], rendered.configuration[name]);
  }
  const hyperparam = /^hyperparams\.([^.]+)\.(.+)$/.exec(path);
  if (hyperparam !== null) {
    const [, section, name] = hyperparam;
    return hyperparamReason(`${section}/${name}`, live.hyperparams?.[section]?.[name], rendered.hyperparams[section]?.[name], overridden);
  }
  return undefined;
}
