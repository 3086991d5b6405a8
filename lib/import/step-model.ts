/**
 * The constructs an import declares, as data: one {@link StepModel} per step (a `DraftStep`
 * with the draft's fields, its node settings, overrides as literals or typed references, and
 * its dependencies), in parents-first order. `build` turns it into constructs to check it,
 * `emit` into TypeScript; both read the same data, so the code is what was checked.
 */
import { DraftStepProps } from '../steps/draft-step';
import { ConfigurationItem, HyperParamItem, HyperParams, Configuration } from '../manifest/schema';
import { ObservedTask } from '../deploy/observe';
import { ImportedNode, ImportedPipeline, ImportError } from './model';
import type { TypedStep } from './typed';

/** A parameter override: a literal, or a typed reference to a step or the pipeline. */
export type OverrideModel =
  | { readonly literal: string }
  | { readonly ref: 'outputModel' | 'outputModelUrl' | 'taskId'; readonly step: string }
  | { readonly ref: 'parameter' | 'artifactUrl'; readonly step: string; readonly key: string }
  | { readonly ref: 'pipelineParameter'; readonly key: string };

/** One step to declare. */
export interface StepModel {
  /** Node name, also the construct id. */
  readonly name: string;
  /** Id of the draft it reproduces. */
  readonly draftId: string;
  /** The DraftStep props, without node settings and overrides. */
  readonly draft: DraftStepProps;
  /** Node settings (queue, monitors, timeout, flags). */
  readonly node: Pick<DraftStepProps, 'queue' | 'monitorMetrics' | 'monitorArtifacts' | 'monitorModels' | 'timeoutSeconds' | 'continueOnFail' | 'cacheExecutedStep'>;
  /** Overrides by `Section/name`. */
  readonly overrides: Record<string, OverrideModel>;
  /** Parent step names. */
  readonly parents: string[];
  /** Remarks written as comments above the step. */
  readonly notes: string[];
  /** The typed step declared instead of a DraftStep, when one reproduces the draft exactly. */
  readonly typed?: TypedStep;
  /** What the seed's script name says the draft is (e.g. "the seed's LLMCompressorTask"). */
  readonly seedKind?: string;
}

/** What the seed's script names say about a draft. */
const SEED_KINDS: Readonly<Record<string, string>> = {
  'llmcompressor_script.py': "the seed's LLMCompressorTask (a compression)",
  'lmeval_script.py': "the seed's LMEvalTask (an lm-evaluation-harness evaluation)",
  'lighteval_script.py': "the seed's LightEvalTask",
  'guidellm_script.py': "the seed's GuideLLMTask",
};

const PLACEHOLDER = /^\$\{([^{}]+)\}$/;

/** Reads one override value: a plain literal, a placeholder as a typed reference, or an error. */
export function overrideModel(value: string, steps: ReadonlySet<string>): OverrideModel | string {
  const match = PLACEHOLDER.exec(value);
  if (match === null) {
    return value.includes('${') ? `'${value}' mixes text and a placeholder, which cdk-style cannot declare` : { literal: value };
  }
  const inner = match[1];
  if (inner.startsWith('pipeline.')) {
    return { ref: 'pipelineParameter', key: inner.slice('pipeline.'.length) };
  }
  const [step, ...rest] = inner.split('.');
  const tail = rest.join('.');
  if (!steps.has(step)) {
    return `'${value}' refers to '${step}', which is not a step of this pipeline`;
  }
  if (tail === 'models.output.-1.id' || tail === 'models.output.-1.url') {
    return { ref: tail.endsWith('id') ? 'outputModel' : 'outputModelUrl', step };
  }
  if (tail === 'id') {
    return { ref: 'taskId', step };
  }
  if (tail.startsWith('parameters.')) {
    return { ref: 'parameter', step, key: tail.slice('parameters.'.length) };
  }
  const artifact = /^artifacts\.(.+)\.url$/.exec(tail);
  if (artifact !== null) {
    return { ref: 'artifactUrl', step, key: artifact[1].replace(/\\\./g, '.') };
  }
  return `'${value}' is a placeholder cdk-style has no typed reference for`;
}

/** A task's hyperparameters as declared props: every item complete (`description` '' when not stored). */
export function storedHyperparams(live: ObservedTask): HyperParams {
  const out: Record<string, Record<string, HyperParamItem>> = {};
  for (const [section, items] of Object.entries(live.hyperparams ?? {})) {
    out[section] = {};
    for (const [key, item] of Object.entries(items ?? {})) {
      out[section][key] = { section: item.section ?? section, name: item.name ?? key, value: item.value ?? '', ...(item.type ? { type: item.type } : {}), description: item.description ?? '' };
    }
  }
  return out;
}

/** A task's configuration objects as declared props: every item complete. */
export function storedConfiguration(live: ObservedTask): Configuration {
  const out: Record<string, ConfigurationItem> = {};
  for (const [key, item] of Object.entries(live.configuration ?? {})) {
    out[key] = { name: item.name ?? key, value: item.value ?? '', type: item.type ?? '', description: item.description ?? '' };
  }
  return out;
}

/** The DraftStep props reproducing `live`. */
export function draftProps(live: ObservedTask): DraftStepProps {
  const s = live.script ?? {};
  const c = live.container ?? {};
  return {
    taskName: live.name,
    taskType: live.type,
    script: {
      repository: s.repository ?? '', branch: s.branch ?? '', version_num: s.version_num ?? '', entry_point: s.entry_point ?? '',
      working_dir: s.working_dir ?? '', binary: s.binary ?? '', diff: s.diff ?? '', requirements: { pip: s.requirements?.pip ?? '' },
    },
    container: { image: c.image ?? '', arguments: c.arguments ?? '', setup_shell_script: c.setup_shell_script ?? '' },
    hyperparams: storedHyperparams(live),
    configuration: storedConfiguration(live),
    tags: live.tags ?? [],
    comment: live.comment ?? '',
    ...(live.output?.destination ? { outputDest: live.output.destination } : {}),
  };
}

function nodeSettings(node: ImportedNode, notes: string[]): StepModel['node'] {
  const sources = (list: [string, string][], what: string) => list.map(([source, target]) => {
    if (source !== target) {
      notes.push(`${what} '${source}' was monitored as '${target}'; cdk-style monitors it under its own name`);
    }
    return source;
  });
  return {
    queue: node.queue === '' ? undefined : node.queue,
    monitorMetrics: node.monitorMetrics.map(([[title, series], [targetTitle, targetSeries]]) => ({ title, series, ...(targetTitle !== title || targetSeries !== series ? { targetTitle, targetSeries } : {}) })),
    monitorArtifacts: sources(node.monitorArtifacts, 'artifact'),
    monitorModels: sources(node.monitorModels, 'model'),
    timeoutSeconds: node.timeout ?? undefined,
    continueOnFail: node.continueOnFail || undefined,
    cacheExecutedStep: node.cacheExecutedStep || undefined,
  };
}

function parentsFirst(nodes: readonly ImportedNode[]): ImportedNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const done = new Set<string>();
  const out: ImportedNode[] = [];
  const visit = (node: ImportedNode, path: string[]) => {
    if (done.has(node.name)) {
      return;
    }
    if (path.includes(node.name)) {
      throw new ImportError('CyclicPipeline', `The pipeline's steps form a cycle: ${[...path, node.name].join(' -> ')}.`);
    }
    node.parents.forEach((p) => byName.has(p) && visit(byName.get(p) as ImportedNode, [...path, node.name]));
    done.add(node.name);
    out.push(node);
  };
  nodes.forEach((n) => visit(n, []));
  return out;
}

/** The steps to declare for `pipeline`, parents first. */
export function stepModels(pipeline: ImportedPipeline): StepModel[] {
  const names = new Set(pipeline.nodes.map((n) => n.name));
  return parentsFirst(pipeline.nodes).map((node) => {
    const live = pipeline.drafts[node.baseTaskId];
    const notes: string[] = [];
    const seedKind = SEED_KINDS[(live.script?.entry_point ?? '').split('/').pop() ?? ''];
    const overrides: Record<string, OverrideModel> = {};
    for (const [key, value] of Object.entries(node.parameters).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const model = overrideModel(value, names);
      if (typeof model === 'string') {
        notes.push(`override ${key} not imported: ${model}`);
      } else {
        overrides[key] = model;
      }
    }
    const parents = node.parents.filter((p) => names.has(p)).sort();
    return { name: node.name, draftId: live.id, draft: draftProps(live), node: nodeSettings(node, notes), overrides, parents, notes, seedKind };
  });
}
