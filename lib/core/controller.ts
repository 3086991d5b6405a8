/**
 * The pipeline controller task: a native ClearML pipeline that runs the DAG stored in its
 * `Pipeline` configuration object with a generic script.
 */
import { ControllerSpec, HyperParamItem, HyperParams, ParameterSpec, pipelineProjectPath } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { AdoptedController } from './adopted-controller';
import { Pipeline } from './pipeline';
import { hyperParam, renderValue } from './values';

/** Entry point name of the controller script. */
export const CONTROLLER_ENTRY_POINT = 'pipeline_controller.py';

/**
 * The controller script. Under a ClearML agent it attaches to its own task, re-declares every
 * `Args` parameter (so `${pipeline.x}` references verify), and runs the stored DAG
 * (`always_create_from_code=False`) instead of building one from code.
 */
export const CONTROLLER_SCRIPT = [
  '"""Runs the pipeline DAG stored in this task (written by cdk-style deploy)."""',
  'from clearml import Task',
  'from clearml.automation import PipelineController',
  '',
  '',
  'def main():',
  '    task = Task.init(auto_resource_monitoring=False)',
  '    if task.running_locally():',
  '        raise SystemExit("This controller only runs under clearml-agent; enqueue the task instead.")',
  '    properties = task.get_user_properties(value_only=True) or {}',
  '    version = properties.get("version") or None',
  '    arguments = task.get_parameters(cast=True) or {}',
  '    controller = PipelineController(',
  '        name=task.name,',
  '        project=task.get_project_name(),',
  '        version=version,',
  '        always_create_from_code=False,',
  '    )',
  '    for key, value in sorted(arguments.items()):',
  '        section, _, name = key.partition("/")',
  '        if section == "Args" and name:',
  '            controller.add_parameter(name=name, default=value)',
  '    controller.start()',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
].join('\n');

/** Renders a pipeline's declared parameters, sorted by name. */
export function renderParameters(pipeline: Pipeline): ParameterSpec[] {
  return [...pipeline.parameters.entries()].sort(([a], [b]) => codeUnitOrder(a, b)).map(([name, p]) => {
    const rendered = renderValue(p.default ?? null);
    return { name, default: rendered.value, type: p.type ?? rendered.type ?? 'str', description: p.description ?? '' };
  });
}

/** The `Args` section of the controller: one item per pipeline parameter. */
function argsSection(pipeline: Pipeline, parameters: ParameterSpec[]): Record<string, HyperParamItem> {
  const args: Record<string, HyperParamItem> = {};
  for (const p of parameters) {
    const none = (pipeline.parameters.get(p.name)?.default ?? null) === null;
    args[p.name] = none
      ? { section: 'Args', name: p.name, value: '', description: p.description }
      : { section: 'Args', name: p.name, value: p.default, type: p.type, description: p.description };
  }
  return args;
}

function controllerHyperParams(pipeline: Pipeline, parameters: ParameterSpec[]): HyperParams {
  const args = argsSection(pipeline, parameters);
  const sections: HyperParams = {
    pipeline: {
      default_queue: hyperParam('pipeline', 'default_queue', pipeline.defaultQueue ?? null),
      add_pipeline_tags: hyperParam('pipeline', 'add_pipeline_tags', false),
      target_project: hyperParam('pipeline', 'target_project', true),
    },
    properties: { version: { section: 'properties', name: 'version', value: pipeline.version, description: '' } },
  };
  return parameters.length > 0 ? { ...sections, Args: args } : sections;
}

/** Renders an adopted controller: as stored, with the pipeline's DAG format, parameters, version and tags. */
function renderAdoptedController(pipeline: Pipeline, adopted: AdoptedController, systemTags: string[]): ControllerSpec {
  const parameters = renderParameters(pipeline);
  const { props } = adopted;
  const hyperparams = adopted.hyperparamsFor(pipeline.version);
  return {
    id: pipeline.node.path,
    dagFormat: props.dagFormat,
    queue: pipeline.controllerQueue,
    parameters,
    task: {
      name: pipeline.pipelineName,
      type: 'controller',
      project: props.project ?? pipeline.project,
      comment: props.comment ?? '',
      tags: [...new Set(pipeline.tags)].sort(),
      system_tags: [...new Set([...(props.systemTags ?? []), ...systemTags])].sort(),
      script: props.script,
      container: props.container ?? { image: '', arguments: '', setup_shell_script: '' },
      hyperparams: parameters.length > 0 ? { ...hyperparams, Args: argsSection(pipeline, parameters) } : hyperparams,
      configuration: { ...(props.configuration ?? {}) },
      ...(props.outputDest !== undefined ? { output_dest: props.outputDest } : {}),
      ...(props.runtime !== undefined ? { runtime: { ...props.runtime } } : {}),
    },
  };
}

/** Renders the controller of `pipeline` with the given system tags. */
export function renderController(pipeline: Pipeline, systemTags: string[]): ControllerSpec {
  if (pipeline.adoptedController !== undefined) {
    return renderAdoptedController(pipeline, pipeline.adoptedController, systemTags);
  }
  const parameters = renderParameters(pipeline);
  return {
    id: pipeline.node.path,
    queue: pipeline.controllerQueue,
    parameters,
    task: {
      name: pipeline.pipelineName,
      type: 'controller',
      project: pipelineProjectPath(pipeline.project, pipeline.pipelineName),
      comment: '',
      tags: [...new Set(pipeline.tags)].sort(),
      system_tags: [...new Set(['pipeline', ...systemTags])].sort(),
      script: {
        repository: '', branch: '', version_num: '', entry_point: CONTROLLER_ENTRY_POINT, working_dir: '.', binary: 'python3',
        diff: CONTROLLER_SCRIPT,
        requirements: { pip: `clearml==${pipeline.clearmlVersion}` },
      },
      container: { image: pipeline.controllerImage, arguments: '', setup_shell_script: '' },
      hyperparams: controllerHyperParams(pipeline, parameters),
      configuration: {},
      runtime: { version: pipeline.version },
    },
  };
}
