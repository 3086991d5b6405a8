/**
 * Which model each evaluation step of a pipeline evaluates, read from the synthesized manifest:
 * a step fed by another step's output model (`Args/model_id` overridden with
 * `${<step>.models.output.-1.id}`) evaluates that step's model, a step given a model id
 * evaluates the uncompressed baseline. The model is a report's column; the suite is its row group.
 */
import { PipelineManifest } from '../manifest/schema';
import { SuiteInfo, suiteOfConfiguration } from './suites';

/** Column of the evaluations of the model given as is (the uncompressed model). */
export const BASELINE_COLUMN = 'baseline';

/** One evaluation step of a pipeline. */
export interface EvaluationStep {
  /** Node name (also the run's step task name). */
  readonly node: string;
  /** The model it evaluates: the producing step's name (see {@link columnOf}), or {@link BASELINE_COLUMN}. */
  readonly column: string;
  /** What it measures. */
  readonly suite: SuiteInfo;
}

const OUTPUT_MODEL = /^\$\{([^.}]+)\.models\.output\.-?\d+\.id\}$/;

/**
 * The column of a step from its `Args/model_id` override: the producing step's name, without the
 * `<pipeline>_` prefix the evaluation matrix gives its steps (`llama_matrix_w4a16` → `w4a16`).
 */
export function columnOf(modelOverride: string | undefined, pipelineId = ''): string {
  const match = modelOverride === undefined ? null : OUTPUT_MODEL.exec(modelOverride);
  if (match === null) {
    return BASELINE_COLUMN;
  }
  const prefix = `${pipelineId}_`;
  return pipelineId !== '' && match[1].startsWith(prefix) && match[1].length > prefix.length ? match[1].slice(prefix.length) : match[1];
}

/** The evaluation steps of `pipeline`, by node name. */
export function evaluationSteps(pipeline: PipelineManifest): EvaluationStep[] {
  return Object.values(pipeline.steps).flatMap((step) => {
    const suite = suiteOfConfiguration(step.task.configuration);
    return suite === undefined ? [] : [{ node: step.node.name, column: columnOf(step.node.parameters['Args/model_id'], pipeline.id), suite }];
  }).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
