import { App } from '../../lib/core/app';
import { ParameterDeclarations, Pipeline, PipelineProps } from '../../lib/core/pipeline';
import { CompressStep, CompressStepProps } from '../../lib/steps/compress-step';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { Recipe } from '../../lib/steps/recipe';

/** A fresh app and pipeline with a default queue (typed by its `parameters`, if given). */
export function newPipeline<P extends ParameterDeclarations = ParameterDeclarations>(props: Partial<PipelineProps<P>> = {}, id = 'demo'): { app: App; pipeline: Pipeline<P> } {
  const app = new App({ outdir: 'unused' });
  const pipeline = new Pipeline<P>(app, id, { project: 'team_project', defaultQueue: 'gpu-queue', ...props });
  return { app, pipeline };
}

/** A W4A16 compression step. */
export function compress(scope: Pipeline, id: string, props: Partial<CompressStepProps> = {}): CompressStep {
  return new CompressStep(scope, id, { model: 'org/model-1b', recipe: Recipe.preset('quantization_w4a16'), ...props });
}

/** An openllm evaluation of `source`'s output model. */
export function evaluate(scope: Pipeline, id: string, source: CompressStep | EvalStep): EvalStep {
  return new EvalStep(scope, id, { model: source.outputModel, suite: EvalSuite.preset('openllm') });
}
