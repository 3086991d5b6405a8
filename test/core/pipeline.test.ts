import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { Step } from '../../lib/core/step';
import { compress, newPipeline } from './fixtures';

describe('Pipeline', () => {
  test('has documented defaults', () => {
    const { pipeline } = newPipeline({ defaultQueue: undefined }, 'my_pipe');
    expect(pipeline.pipelineName).toBe('my_pipe');
    expect(pipeline.version).toBe('1.0.0');
    expect(pipeline.controllerQueue).toBe('services');
    expect(pipeline.clearmlVersion).toBe('1.17.0');
    expect(pipeline.controllerImage).toBe('');
    expect(pipeline.defaultQueue).toBeUndefined();
  });

  test('Pipeline.of finds the enclosing pipeline, brand checks work', () => {
    const { app, pipeline } = newPipeline();
    const step = compress(pipeline, 'quantize');
    expect(Pipeline.of(step)).toBe(pipeline);
    expect(Pipeline.isPipeline(pipeline)).toBe(true);
    expect(Pipeline.isPipeline(step)).toBe(false);
    expect(Step.isStep(step)).toBe(true);
    expect(App.isApp(app)).toBe(true);
    expect(() => Pipeline.of(app)).toThrow(/is not inside a Pipeline/);
  });

  test('parameters from props and addParameter are both declared', () => {
    const { pipeline } = newPipeline({ parameters: { observer: { default: 'mse' } } });
    pipeline.addParameter('group_size', { default: 128, type: 'int' });
    expect([...pipeline.parameters.keys()]).toEqual(['observer', 'group_size']);
  });

  test('dependsOn returns the step for chaining', () => {
    const { pipeline } = newPipeline();
    const a = compress(pipeline, 'a');
    const b = compress(pipeline, 'b');
    expect(b.dependsOn(a)).toBe(b);
    expect(b.explicitDependsOn).toEqual([a]);
  });

  test('the app outdir defaults to CDK_STYLE_OUTDIR, then cdk.out', () => {
    const saved = process.env.CDK_STYLE_OUTDIR;
    try {
      delete process.env.CDK_STYLE_OUTDIR;
      expect(new App().outdir).toBe('cdk.out');
      process.env.CDK_STYLE_OUTDIR = '/tmp/elsewhere';
      expect(new App().outdir).toBe('/tmp/elsewhere');
    } finally {
      if (saved === undefined) {
        delete process.env.CDK_STYLE_OUTDIR;
      } else {
        process.env.CDK_STYLE_OUTDIR = saved;
      }
    }
  });

  test('a locked tree refuses changes', () => {
    const { app, pipeline } = newPipeline();
    const a = compress(pipeline, 'a');
    app.node.lock();
    expect(() => a.addParameterOverride('Args/max_seq_len', 10)).toThrow(/already synthesized/);
    expect(() => a.dependsOn(a)).toThrow(/already synthesized/);
    expect(() => pipeline.addParameter('x')).toThrow(/already synthesized/);
    expect(() => compress(pipeline, 'late')).toThrow();
  });
});

test('a step created outside a pipeline fails with its path', () => {
  const app = new App({ outdir: 'unused' });
  expect(() => compress(app as unknown as Pipeline, 'orphan')).toThrow(/'orphan' is not inside a Pipeline/);
});
