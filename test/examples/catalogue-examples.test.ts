import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { buildCompressBenchmarkApp } from '../../examples/compress-benchmark';
import { buildEvalMatrixApp } from '../../examples/eval-matrix';
import { buildHpoApp } from '../../examples/hpo-pipeline';

describe('examples of the new step kinds', () => {
  test('compress-benchmark: GuideLLM benchmarks of the original and the compressed model', () => {
    const [m] = buildManifests(buildCompressBenchmarkApp(new App({ outdir: 'unused' })));
    expect(m).toMatchSnapshot();
    expect(Object.keys(m.steps)).toEqual(['baseline_chat', 'baseline_rag', 'quantize', 'w4a16_chat', 'w4a16_rag']);
    expect(m.steps.w4a16_chat.node).toMatchObject({ parents: ['quantize'], parameters: { 'Args/model': '${quantize.models.output.-1.id}' } });
    expect(m.steps.baseline_chat.node.parents).toEqual([]);
    expect(m.steps.quantize.node.parameters).toEqual({ 'Args/text_samples': '${pipeline.text_samples}' });
    expect(JSON.parse(m.steps.w4a16_rag.task.configuration.GuideLLM.value)).toMatchObject({ scenario: 'benchmarking_rag', data: 'prompt_tokens=1024,generated_tokens=128' });
  });

  test('eval-matrix: lm-eval and LightEval suites on their own engines', () => {
    const [m] = buildManifests(buildEvalMatrixApp(new App({ outdir: 'unused' })));
    expect(m).toMatchSnapshot();
    const kinds = Object.values(m.steps).map((s) => s.kind).sort();
    expect(kinds).toEqual([...Array(2).fill('CompressStep'), ...Array(2).fill('EvalStep'), ...Array(6).fill('LightEvalStep')].sort());
    for (const step of Object.values(m.steps).filter((s) => s.kind === 'LightEvalStep')) {
      expect(step.task.script.entry_point).toBe('src/automation/tasks/scripts/lighteval_script.py');
    }
    expect(JSON.parse(m.steps.fp8_aime2024.task.configuration.lighteval_args.value).tasks).toBe('lighteval|aime24|0');
    expect(m.steps.fp8_aime2024.node.parents).toEqual(['fp8_compress']);
  });

  test('hpo-pipeline: the HPO step runs on services after the step it optimizes', () => {
    const [m] = buildManifests(buildHpoApp(new App({ outdir: 'unused' })));
    expect(m).toMatchSnapshot();
    expect(m.steps.tune.node).toMatchObject({ queue: 'services', parents: ['finetune'] });
    expect(m.steps.tune.node.parameters).toEqual({ 'Args/base_task_id': '${finetune.id}', 'Args/execution_queue': '${pipeline.trial_queue}' });
    expect(m.steps.finetune.node.parents).toEqual(['queue_check']);
  });
});
