import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { renderMermaid } from '../../lib/manifest/graph';
import { buildSeedApp } from '../../examples/seed-pipeline';

describe('renderMermaid', () => {
  test('draws one box per step and one arrow per dependency', () => {
    const [pipeline] = buildManifests(buildSeedApp(new App({ outdir: 'unused' })));
    expect(renderMermaid(pipeline)).toBe([
      'flowchart TD',
      '  %% my_pipeline (alexandre_debug) v1.0.0',
      '  n_step1["step1<br/>CompressStep · oneshot-a100x1"]',
      '  n_step2["step2<br/>EvalStep · oneshot-a100x1"]',
      '  n_step3["step3<br/>EvalStep · oneshot-a100x1"]',
      '  n_step1 --> n_step2',
      '  n_step1 --> n_step3',
      '',
    ].join('\n'));
  });
});
