/**
 * Task overrides (the typed steps' escape hatch): applied to the rendered draft in path order,
 * checked at synth with the construct path, what is wrong and the fix.
 */
import { buildManifests } from '../../lib/core/synthesizer';
import { canonicalJson } from '../../lib/manifest/serialize';
import { compress, newPipeline } from './fixtures';
import { problemsOf } from './problems';

test('an override sets one value of the rendered draft; the rest of the draft is what the step renders', () => {
  const { app, pipeline } = newPipeline();
  const plain = compress(pipeline, 'plain').renderDraftTask();
  const step = compress(pipeline, 'quantize')
    .addTaskOverride('script.binary', 'python')
    .addTaskOverride('hyperparams.Args.model_id.value', 'dummy')
    .addTaskOverride('hyperparams.Extra.note', { section: 'Extra', name: 'note', value: 'x', description: '' });
  const [manifest] = buildManifests(app);
  const task = manifest.steps.quantize.task;
  expect(task.script).toEqual({ ...plain.script, binary: 'python' });
  expect(task.hyperparams.Args.model_id).toEqual({ ...plain.hyperparams.Args.model_id, value: 'dummy' });
  expect(task.hyperparams.Extra.note.value).toBe('x');
  expect(task.hyperparams.Args.recipe).toEqual(plain.hyperparams.Args.recipe);
  expect(step.renderTask().script.binary).toBe(plain.script.binary);
});

test('overlapping overrides apply in path order, whatever order they were added in', () => {
  const item = { section: 'Args', name: 'model_id', value: 'from-item', type: 'str', description: '' };
  const render = (order: 'item first' | 'value first') => {
    const { app, pipeline } = newPipeline();
    const step = compress(pipeline, 'quantize');
    const add = [() => step.addTaskOverride('hyperparams.Args.model_id', item), () => step.addTaskOverride('hyperparams.Args.model_id.value', 'from-value')];
    (order === 'item first' ? add : [...add].reverse()).forEach((f) => f());
    return buildManifests(app)[0];
  };
  expect(render('value first').steps.quantize.task.hyperparams.Args.model_id).toEqual({ ...item, value: 'from-value' });
  expect(canonicalJson(render('item first'))).toBe(canonicalJson(render('value first')));
});

test.each([
  ['name', 'x', "task override 'name' is refused: set the taskName prop"],
  ['system_tags', ['a'], "task override 'system_tags' is refused: cdk-style owns the system tags (they carry the ownership tags); use tags"],
  ['project', 'p', "task override 'project' is refused: the pipeline's project is every draft's project"],
  ['scrip.binary', 'x', "task override 'scrip.binary' names no task field; paths start with one of comment, tags, script, container, hyperparams, configuration, output_dest, runtime (e.g. 'script.binary', 'hyperparams.Args.model_id.value')"],
  ['script.binry', 'x', "task override 'script.binry': the rendered task has no 'script.binry'; overrides set existing values (new items only in hyperparams, configuration, runtime)"],
  ['script.binary.x', 'x', "task override 'script.binary.x': 'script.binary' is a string, not an object"],
  ['script.binary', 3, "task override 'script.binary': the rendered value is a string, the override a number; give a string"],
  ['comment', 'see ${pipeline.x}', "task override 'comment' is the string 'see ${pipeline.x}', which contains '${'"],
])('override %s = %j is a synth error with the construct path', (path, value, message) => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize').addTaskOverride(path, value as never);
  expect(problemsOf(() => buildManifests(app))).toEqual([expect.stringContaining(`[${pipeline.node.path}/quantize] ${message}`)]);
});
