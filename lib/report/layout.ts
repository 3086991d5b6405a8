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
  /** The model it evaluates: the producing step's node name, or {@link BASELINE_COLUMN}. */
  readonly column: string;
  /** What it measures. */
  readonly suite: SuiteInfo;
}

const OUTPUT_MODEL = /^\$\{([^.}]+)\.models\.output\.-?\d+\.id\}$/;

/** The column of a step from its `Args/model_id` override. */
export function columnOf(modelOverride: string | undefined): string {
  const match = modelOverride === undefined ? null : OUTPUT_MODEL.exec(modelOverride);
  return match === null ? BASELINE_COLUMN : match[1];
}

/** The evaluation steps of `pipeline`, by node name. */
export function evaluationSteps(pipeline: PipelineManifest): EvaluationStep[] {
  return Object.values(pipeline.steps).flatMap((step) => {
    const suite = suiteOfConfiguration(step.task.configuration);
    return suite === undefined ? [] : [{ node: step.node.name, column: columnOf(step.node.parameters['Args/model_id']), suite }];
  }).sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
