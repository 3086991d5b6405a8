/**
 * The DAG configuration of a controller task, in either format a controller may store it:
 * `Pipeline` (PipelineController's JSON nodes; cdk-style's native controller) or `Steps` (the seed
 * automation package's `add_step` list). Deploy compares these by what they define.
 */
import { DagFormat } from '../manifest/schema';
import { parseSeedSteps, SEED_STEPS_CONFIGURATION_NAME } from './seed-steps';
import { dagDefinition, parsePipelineSteps, StoredStep } from './stored-dag';

/** The configuration object name that holds a DAG of `format`. */
export function dagConfigurationName(format: DagFormat): string {
  return format === 'Steps' ? SEED_STEPS_CONFIGURATION_NAME : 'Pipeline';
}

/** Reads the steps of a DAG configuration value of `format` (throws `StoredDagError`). */
export function readStoredDag(format: DagFormat, text: string): StoredStep[] {
  return format === 'Steps' ? parseSeedSteps(text) : parsePipelineSteps(text);
}

/**
 * True when two values of the DAG configuration `name` define the same DAG: same steps, base
 * tasks, parents, queues, overrides, limits and monitors, whatever their text. False when `name`
 * is not a DAG configuration or either value cannot be read.
 */
export function sameStoredDag(name: string, a: string, b: string): boolean {
  const format: DagFormat | undefined = name === 'Pipeline' ? 'Pipeline' : name === SEED_STEPS_CONFIGURATION_NAME ? 'Steps' : undefined;
  if (format === undefined) {
    return false;
  }
  try {
    return dagDefinition(readStoredDag(format, a)) === dagDefinition(readStoredDag(format, b));
  } catch {
    return false;
  }
}
