import {
  PIPELINE_NODE_KEYS, parsePipelineConfiguration, renderControllerTask, renderCreateBody, renderFieldsBody, renderPipelineConfiguration,
} from '../../lib/clearml/render';
import { buildPipeline } from '../deploy/fixtures';

const pipeline = buildPipeline();
const draftIds = { step1: 'id-1', step2: 'id-2', step3: 'id-3' };

describe('renderPipelineConfiguration', () => {
  test('emits the 24 Node attributes of ClearML SDK 1.14.4 plus job_id, in the SDK order', () => {
    const dag = parsePipelineConfiguration(renderPipelineConfiguration(pipeline, draftIds));
    const legacyFree = ['draft', 'continue_behaviour', 'continue_on_abort', 'skip_children_on_abort', 'skip_children_on_fail', 'stage'];
    for (const node of Object.values(dag)) {
      expect(Object.keys(node)).toEqual([...PIPELINE_NODE_KEYS]);
      expect(Object.keys(node).filter((k) => k !== 'job_id')).toHaveLength(24);
      expect(Object.keys(node).some((k) => legacyFree.includes(k))).toBe(false);
    }
  });

  test('parses back to the manifest DAG with base_task_id pointing at the drafts', () => {
    const dag = parsePipelineConfiguration(renderPipelineConfiguration(pipeline, draftIds));
    expect(Object.keys(dag)).toEqual(['step1', 'step2', 'step3']);
    for (const [name, step] of Object.entries(pipeline.steps)) {
      const node = dag[name];
      expect(node.base_task_id).toBe(draftIds[name as keyof typeof draftIds]);
      expect(node).toMatchObject({
        queue: step.node.queue, parents: step.node.parents, parameters: step.node.parameters,
        configurations: step.node.configurations, task_overrides: step.node.task_overrides, timeout: step.node.timeout,
        monitor_metrics: step.node.monitor_metrics, continue_on_fail: false, status: 'pending', clone_task: true, executed: null,
      });
    }
    expect(dag.step2.parameters).toEqual({ 'Args/model_id': '${step1.models.output.-1.id}' });
  });

  test('is strict JSON with a 2-space indent and identical for the same input', () => {
    const text = renderPipelineConfiguration(pipeline, draftIds);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(renderPipelineConfiguration(buildPipeline(), { ...draftIds })).toBe(text);
  });

  test('refuses a step without a draft id', () => {
    expect(() => renderPipelineConfiguration(pipeline, { step1: 'a' })).toThrow(/No draft id for step 'step2'/);
  });
});

describe('renderControllerTask', () => {
  test('adds the Pipeline configuration object of type dictionary and keeps the rest', () => {
    const task = renderControllerTask(pipeline, draftIds);
    expect(task.configuration.Pipeline).toEqual({
      name: 'Pipeline', type: 'dictionary', value: renderPipelineConfiguration(pipeline, draftIds), description: '',
    });
    expect(task.type).toBe('controller');
    expect(task.system_tags).toContain('pipeline');
    expect(task.hyperparams.properties.version.value).toBe('1.0.0');
  });
});

describe('renderCreateBody', () => {
  test('carries every field, the project as an id, runtime included', () => {
    const body = renderCreateBody(renderControllerTask(pipeline, draftIds), 'project-id');
    expect(Object.keys(body).sort()).toEqual([
      'comment', 'configuration', 'container', 'hyperparams', 'name', 'project', 'runtime', 'script', 'system_tags', 'tags', 'type',
    ]);
    expect(body.project).toBe('project-id');
    expect(body.runtime).toEqual({ version: '1.0.0' });
  });

  test('writes output_dest for a draft that declares one', () => {
    expect(renderCreateBody(pipeline.steps.step1.task, 'p').output_dest).toBe('gs://neuralmagic-clearml');
  });

  test('an edit body holds only the requested fields, whole', () => {
    const body = renderFieldsBody(pipeline.steps.step1.task, ['script', 'project'], 'p2');
    expect(body).toEqual({ script: pipeline.steps.step1.task.script, project: 'p2' });
  });
});
