/**
 * A controller task made by another tool, declared as it is stored so deploy takes it over
 * instead of creating cdk-style's native controller beside it. cdk-style still writes its DAG
 * (in the controller's own format: the seed's `Steps` list or PipelineController's `Pipeline`
 * JSON), its parameters (`Args`), its version and its ownership tags; everything else (script,
 * container, other hyperparameters and configuration objects) stays what it was. `cdk-style import`
 * writes one of these for every pipeline it imports.
 */
import { Configuration, ContainerSpec, DagFormat, HyperParams, ScriptSpec } from '../manifest/schema';

/** Props of {@link AdoptedController}. */
export interface AdoptedControllerProps {
  /** How the controller stores its DAG: `Steps` (seed automation package) or `Pipeline` (PipelineController). */
  readonly dagFormat: DagFormat;
  /** The controller's code, as stored. */
  readonly script: ScriptSpec;
  /**
   * ClearML project of the controller task.
   * @default the pipeline's project (where the seed keeps its controller)
   */
  readonly project?: string;
  /**
   * Container settings, as stored.
   * @default no image, no arguments, no setup script
   */
  readonly container?: ContainerSpec;
  /**
   * Hyperparameter sections other than `Args` (which the pipeline's parameters render), as stored.
   * A `version` item in section `pipeline` or `properties` is given the pipeline's version.
   * @default none
   */
  readonly hyperparams?: HyperParams;
  /**
   * Configuration objects other than the DAG (e.g. the seed's `job end callback`), as stored.
   * @default none
   */
  readonly configuration?: Configuration;
  /**
   * System tags the controller keeps besides the ownership tags (e.g. `pipeline`, which lists it
   * in the web UI's pipelines page).
   * @default none
   */
  readonly systemTags?: readonly string[];
  /**
   * Task comment.
   * @default ''
   */
  readonly comment?: string;
  /**
   * Default output URI (`output_dest`).
   * @default not set
   */
  readonly outputDest?: string;
  /**
   * Runtime properties, as stored.
   * @default not compared, not written
   */
  readonly runtime?: Readonly<Record<string, string>>;
}

/** The hyperparameter sections whose `version` item carries the pipeline version. */
const VERSION_SECTIONS = ['pipeline', 'properties'];

/**
 * A controller made by another tool, kept as it is stored. Pass it as the `controller` prop of a
 * `Pipeline`.
 */
export class AdoptedController {
  /** The props as given. */
  public readonly props: AdoptedControllerProps;

  /** @param props the controller as stored */
  public constructor(props: AdoptedControllerProps) {
    this.props = props;
  }

  /** The stored hyperparameter sections with `version` items set to `version` (never `Args`). */
  public hyperparamsFor(version: string): HyperParams {
    const out: HyperParams = {};
    for (const [section, items] of Object.entries(this.props.hyperparams ?? {})) {
      if (section === 'Args') {
        continue;
      }
      const copy = { ...items };
      if (VERSION_SECTIONS.includes(section) && copy.version !== undefined) {
        copy.version = { ...copy.version, value: version };
      }
      out[section] = copy;
    }
    return out;
  }
}
