/**
 * Hand-built manifests for the deploy tests (the deploy engine reads manifests, never constructs).
 */
import {
  HyperParams, MANAGED_TAG, MANIFEST_SCHEMA_VERSION, NodeSpec, PipelineManifest, StepSpec, TaskSpec, identityTag, pipelineTag,
} from '../../lib/manifest/schema';

/** Options of {@link buildPipeline}. */
export interface FixtureOptions {
  /** Pipeline id (construct path). */
  readonly id?: string;
  /** Pipeline name. */
  readonly name?: string;
  /** Project. */
  readonly project?: string;
  /** Node names of the steps; the first is the parent of the others. */
  readonly steps?: string[];
  /** Queue of the steps. */
  readonly queue?: string;
}

function ownership(pipelineId: string, logicalId: string): string[] {
  return [MANAGED_TAG, identityTag(logicalId), pipelineTag(pipelineId)].sort();
}

function args(values: Record<string, string>): HyperParams {
  const items = Object.fromEntries(Object.entries(values).map(([name, value]) =>
    [name, { section: 'Args', name, value, type: 'str', description: '' }]));
  return { Args: items };
}

function stepTask(project: string, name: string, systemTags: string[]): TaskSpec {
  return {
    name: `${name}_draft`,
    type: 'training',
    project,
    comment: '',
    tags: [],
    system_tags: systemTags,
    script: {
      repository: 'https://github.com/neuralmagic/research.git', branch: 'main', version_num: '',
      entry_point: 'src/automation/tasks/scripts/llmcompressor_script.py', working_dir: '.', binary: 'python3',
      diff: '', requirements: { pip: 'clearml\ntorchvision' },
    },
    container: { image: 'quay.io/nmmlops/mlops/k8s-research-cuda12_8:latest', arguments: '', setup_shell_script: '' },
    hyperparams: args({ model_id: 'meta-llama/Llama-3.2-1B-Instruct', recipe: 'quant_stage:\n  quant_modifiers: {}\n' }),
    configuration: { lm_eval: { name: 'lm_eval', type: 'dictionary', value: '{"tasks": "openllm"}', description: '' } },
    output_dest: 'gs://neuralmagic-clearml',
  };
}

function node(name: string, parents: string[], queue: string): NodeSpec {
  return {
    name, parents, queue,
    parameters: parents.length > 0 ? { 'Args/model_id': `\${${parents[0]}.models.output.-1.id}` } : {},
    configurations: {}, task_overrides: {}, timeout: null,
    monitor_metrics: [], monitor_artifacts: [], monitor_models: [],
    continue_on_fail: false, cache_executed_step: false,
  };
}

function controllerTask(project: string, name: string, version: string, systemTags: string[]): TaskSpec {
  const item = (n: string, value: string, type?: string) => ({ section: 'pipeline', name: n, value, ...(type ? { type } : {}), description: '' });
  return {
    name, type: 'controller', project: `${project}/.pipelines/${name}`, comment: '', tags: [],
    system_tags: ['pipeline', ...systemTags].sort(),
    script: {
      repository: '', branch: '', version_num: '', entry_point: 'pipeline_controller.py', working_dir: '.', binary: 'python3',
      diff: 'print("controller")\n', requirements: { pip: 'clearml==1.17.0' },
    },
    container: { image: '', arguments: '', setup_shell_script: '' },
    hyperparams: {
      pipeline: {
        default_queue: item('default_queue', ''),
        add_pipeline_tags: item('add_pipeline_tags', 'False', 'bool'),
        target_project: item('target_project', 'True', 'bool'),
      },
      properties: { version: { section: 'properties', name: 'version', value: version, description: '' } },
    },
    configuration: {},
    runtime: { version },
  };
}

/** A pipeline manifest shaped like the seed's: one compression step feeding the others. */
export function buildPipeline(options: FixtureOptions = {}): PipelineManifest {
  const id = options.id ?? 'my_pipeline';
  const name = options.name ?? 'my_pipeline';
  const project = options.project ?? 'alexandre_debug';
  const queue = options.queue ?? 'oneshot-a100x1';
  const names = options.steps ?? ['step1', 'step2', 'step3'];
  const steps: Record<string, StepSpec> = {};
  names.forEach((n, i) => {
    const logicalId = `${id}/${n}`;
    steps[n] = {
      id: logicalId, kind: 'TaskStep',
      node: node(n, i === 0 ? [] : [names[0]], queue),
      task: stepTask(project, n, ownership(id, logicalId)),
    };
  });
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION, id, name, project, version: '1.0.0',
    queues: [...new Set([queue, 'services'])].sort(),
    projects: [
      { name: project, system_tags: [] },
      { name: `${project}/.pipelines`, system_tags: ['hidden'] },
      { name: `${project}/.pipelines/${name}`, system_tags: ['hidden', 'pipeline'] },
    ],
    controller: { id, queue: 'services', parameters: [], task: controllerTask(project, name, '1.0.0', ownership(id, id)) },
    steps,
  };
}

/** A copy of `pipeline` with `change` applied to the task of step `nodeName`. */
export function withStepTask(pipeline: PipelineManifest, nodeName: string, change: (task: TaskSpec) => TaskSpec): PipelineManifest {
  const step = pipeline.steps[nodeName];
  return { ...pipeline, steps: { ...pipeline.steps, [nodeName]: { ...step, task: change(step.task) } } };
}

/** A copy of `pipeline` without step `nodeName` (and without edges to it). */
export function withoutStep(pipeline: PipelineManifest, nodeName: string): PipelineManifest {
  const steps: Record<string, StepSpec> = {};
  for (const [name, step] of Object.entries(pipeline.steps)) {
    if (name !== nodeName) {
      const parents = step.node.parents.filter((p) => p !== nodeName);
      const parameters = parents.length === step.node.parents.length ? step.node.parameters : {};
      steps[name] = { ...step, node: { ...step.node, parents, parameters } };
    }
  }
  return { ...pipeline, steps };
}
