import { UnresolvedReference, resolveReferences } from '../../lib/run/references';

const step1 = {
  id: 'task1', name: 'step1', status: 'completed',
  models: { output: [{ name: 'a', model: 'm-old' }, { name: 'b', model: 'm-new' }] },
  hyperparams: { Args: { 'recipe_args/group_size': { value: '128' } } },
  execution: { artifacts: [{ key: 'recipe', uri: 'file:///r.yaml', mode: 'output' }] },
};
const scope = { pipelineArgs: { samples: '64' }, steps: { step1, step2: undefined }, modelUri: (id: string) => (id === 'm-new' ? 'file:///m' : undefined) };

describe('references resolved at launch', () => {
  test('every accepted form', () => {
    expect(resolveReferences('${step1.models.output.-1.id}', scope)).toBe('m-new');
    expect(resolveReferences('${step1.models.output.0.id}', scope)).toBe('m-old');
    expect(resolveReferences('${step1.models.output.-1.url}', scope)).toBe('file:///m');
    expect(resolveReferences('id=${step1.id}, n=${pipeline.samples}', scope)).toBe('id=task1, n=64');
    expect(resolveReferences('${step1.parameters.Args/recipe_args/group_size}', scope)).toBe('128');
    expect(resolveReferences('${step1.artifacts.recipe.url}', scope)).toBe('file:///r.yaml');
    expect(resolveReferences('plain', scope)).toBe('plain');
  });

  test('an unresolvable reference names itself and says why', () => {
    const fails = (value: string): string => {
      try {
        resolveReferences(value, scope);
      } catch (error) {
        expect(error).toBeInstanceOf(UnresolvedReference);
        return (error as Error).message;
      }
      throw new Error('resolved');
    };
    expect(fails('${step2.id}')).toBe("cannot resolve ${step2.id}: step 'step2' has not run");
    expect(fails('${nope.id}')).toBe("cannot resolve ${nope.id}: 'nope' is not a step of this pipeline");
    expect(fails('${pipeline.x}')).toBe("cannot resolve ${pipeline.x}: the run has no pipeline parameter 'x'");
    expect(fails('${step1.models.output.5.id}')).toContain('no output model at index 5');
    expect(fails('${step1.models.output.0.url}')).toContain('has no URL');
    expect(fails('${step1.artifacts.missing.url}')).toContain("no artifact 'missing'");
  });
});
