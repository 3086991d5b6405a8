/**
 * Synthesis: turns a construct tree into fully rendered, deterministic pipeline manifests.
 */
import { IConstruct } from 'constructs';
import {
  identityTag, MANAGED_TAG, MANIFEST_SCHEMA_VERSION, pipelineProjectPath, pipelineTag, PipelineManifest, ProjectSpec, StepSpec, TaskSpec,
} from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { renderController } from './controller';
import { parentNames, stepsOf } from './graph';
import { Pipeline } from './pipeline';
import { Step } from './step';
import { RenderedTasks, taskOf, validatePipelines } from './validate';

/** The pipelines of a scope (itself when it is a pipeline), sorted by construct path. */
export function pipelinesOf(scope: IConstruct): Pipeline[] {
  const all = Pipeline.isPipeline(scope) ? [scope] : scope.node.findAll().filter((c): c is Pipeline => Pipeline.isPipeline(c));
  return all.sort((a, b) => codeUnitOrder(a.node.path, b.node.path));
}

/**
 * Validates the tree (throws a `ValidationError` listing every problem) and returns one
 * rendered manifest per pipeline, sorted by id. Pure: same tree, same output.
 */
export function buildManifests(scope: IConstruct): PipelineManifest[] {
  const pipelines = pipelinesOf(scope);
  const steps = new Map(pipelines.map((p) => [p, stepsOf(p)]));
  const tasks: RenderedTasks = new Map();
  validatePipelines(pipelines, tasks, (p) => steps.get(p) ?? []);
  return pipelines.map((p) => renderPipeline(p, steps.get(p) ?? [], tasks));
}

/** Ownership system tags of an object with logical id `logicalId` in `pipeline`. */
export function ownershipTags(pipeline: Pipeline, logicalId: string): string[] {
  return [MANAGED_TAG, pipelineTag(pipeline.node.path), identityTag(logicalId)].sort();
}

function renderPipeline(pipeline: Pipeline, steps: readonly Step[], tasks: RenderedTasks): PipelineManifest {
  const renderedSteps: Record<string, StepSpec> = {};
  for (const step of [...steps].sort((a, b) => codeUnitOrder(a.stepName, b.stepName))) {
    renderedSteps[step.stepName] = renderStep(step, pipeline, taskOf(step, tasks));
  }
  const controller = renderController(pipeline, ownershipTags(pipeline, pipeline.node.path));
  const queues = new Set([controller.queue, ...Object.values(renderedSteps).map((s) => s.node.queue)]);
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id: pipeline.node.path,
    name: pipeline.pipelineName,
    project: pipeline.project,
    version: pipeline.version,
    queues: [...queues].sort(codeUnitOrder),
    projects: projectsOf(pipeline, controller.task.project),
    controller,
    steps: renderedSteps,
  };
}

function renderStep(step: Step, pipeline: Pipeline, task: TaskSpec): StepSpec {
  const id = step.node.path;
  const queue = step.queue ?? pipeline.defaultQueue ?? '';
  const systemTags = [...new Set([...task.system_tags, ...ownershipTags(pipeline, id)])].sort(codeUnitOrder);
  return { id, kind: step.kind, node: step.renderNode(queue, parentNames(step, pipeline)), task: ownedTask(task, pipeline.project, systemTags) };
}

/**
 * A copy of a rendered draft with the pipeline's project and the ownership tags, keeping the
 * key order (a member-by-member copy: object spread is several times slower on Node 20).
 */
function ownedTask(task: TaskSpec, project: string, systemTags: string[]): TaskSpec {
  const owned: Record<string, unknown> = {};
  for (const key of Object.keys(task)) {
    owned[key] = task[key as keyof TaskSpec];
  }
  owned.project = project;
  owned.system_tags = systemTags;
  return owned as unknown as TaskSpec;
}

function projectsOf(pipeline: Pipeline, controllerProject: string): ProjectSpec[] {
  const hidden = pipelineProjectPath(pipeline.project, pipeline.pipelineName);
  if (controllerProject !== hidden) {
    const names = [...new Set([pipeline.project, controllerProject])];
    return names.map((name) => ({ name, system_tags: [] }));
  }
  return [
    { name: pipeline.project, system_tags: [] },
    { name: `${pipeline.project}/.pipelines`, system_tags: ['hidden'] },
    { name: hidden, system_tags: ['hidden', 'pipeline'] },
  ];
}

