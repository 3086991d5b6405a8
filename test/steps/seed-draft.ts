import { TaskSpec } from '../../lib/manifest/schema';
import { SEED_DEFAULTS, SeedTaskFacts } from './fixtures/seed-tasks';

/**
 * Checks a rendered draft against what the seed's class writes: script, image, type, output URI,
 * packages (sorted, research line, clearml), `Args` keys and defaults (with `overrides` of
 * values the test set), configuration names.
 */
export function expectSeedDraft(task: TaskSpec, facts: SeedTaskFacts, overrides: Record<string, [string, string | undefined]> = {}, extraPackages: string[] = []): void {
  expect(task.type).toBe(facts.type);
  expect(task.script).toMatchObject({ repository: SEED_DEFAULTS.repository, branch: 'main', entry_point: facts.entryPoint, working_dir: '.' });
  expect(task.script.diff).toContain('Task.init()');
  expect(task.container.image).toBe(SEED_DEFAULTS.image);
  expect(task.output_dest).toBe(SEED_DEFAULTS.outputUri);
  const packages = [...new Set([...facts.packages, ...extraPackages])].sort();
  expect(task.script.requirements.pip.split('\n')).toEqual([...packages, SEED_DEFAULTS.researchPackage('main'), 'clearml']);
  const expected = Object.entries({ ...facts.args, ...overrides }).map(([name, [value, type]]) => [name, value, type]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  const actual = Object.entries(task.hyperparams.Args ?? {}).map(([name, item]) => [name, item.value, item.type]);
  expect(actual).toEqual(expected);
  expect(Object.keys(task.configuration).sort()).toEqual([...facts.configurations].sort());
}

/** The parsed JSON value of a configuration object of type `dictionary`. */
export function configurationOf(task: TaskSpec, name: string): Record<string, unknown> {
  const item = task.configuration[name];
  expect(item).toMatchObject({ name, type: 'dictionary', description: '' });
  return JSON.parse(item.value);
}
