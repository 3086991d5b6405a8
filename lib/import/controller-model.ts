/**
 * The `AdoptedController` props of an imported pipeline: the controller task as it is stored,
 * minus what the pipeline itself declares (its DAG configuration, `Args`, name, type, version
 * and ownership tags).
 */
import { dagConfigurationName } from '../clearml/controller-dag';
import { AdoptedControllerProps } from '../core/adopted-controller';
import { Configuration, ContainerSpec, DagFormat, HyperParams, OWNERSHIP_TAG_PREFIX, ScriptSpec } from '../manifest/schema';
import { ImportedPipeline } from './model';
import { storedConfiguration, storedHyperparams } from './step-model';

/** System tags a controller loses when adopted: the SDK's draft marker and other ownership tags. */
function keptSystemTags(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])].filter((t) => t !== 'development' && t !== 'archived' && !t.startsWith(`${OWNERSHIP_TAG_PREFIX}:`)).sort();
}

function storedScript(script: Partial<ScriptSpec> | undefined): ScriptSpec {
  const s = script ?? {};
  return {
    repository: s.repository ?? '', branch: s.branch ?? '', version_num: s.version_num ?? '', entry_point: s.entry_point ?? '',
    working_dir: s.working_dir ?? '', binary: s.binary ?? '', diff: s.diff ?? '', requirements: { pip: s.requirements?.pip ?? '' },
  };
}

function storedContainer(container: Partial<ContainerSpec> | undefined): ContainerSpec {
  return { image: container?.image ?? '', arguments: container?.arguments ?? '', setup_shell_script: container?.setup_shell_script ?? '' };
}

function withoutKey<V>(record: Readonly<Record<string, V>> | undefined, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => k !== key));
}

/** The DAG format of an imported pipeline's controller. */
export function dagFormatOf(pipeline: ImportedPipeline): DagFormat {
  return pipeline.origin === 'seed' ? 'Steps' : 'Pipeline';
}

/** The props that declare `pipeline`'s controller as it is stored. */
export function adoptedControllerProps(pipeline: ImportedPipeline): AdoptedControllerProps {
  const controller = pipeline.controller;
  const dagFormat = dagFormatOf(pipeline);
  const hyperparams: HyperParams = withoutKey(storedHyperparams(controller), 'Args');
  const configuration: Configuration = withoutKey(storedConfiguration(controller), dagConfigurationName(dagFormat));
  const systemTags = keptSystemTags(controller.system_tags);
  return {
    dagFormat,
    ...(pipeline.controllerProject !== pipeline.project ? { project: pipeline.controllerProject } : {}),
    script: storedScript(controller.script),
    container: storedContainer(controller.container),
    ...(Object.keys(hyperparams).length > 0 ? { hyperparams } : {}),
    ...(Object.keys(configuration).length > 0 ? { configuration } : {}),
    ...(systemTags.length > 0 ? { systemTags } : {}),
    ...(controller.comment ? { comment: controller.comment } : {}),
    ...(controller.output?.destination ? { outputDest: controller.output.destination } : {}),
  };
}
