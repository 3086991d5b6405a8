/**
 * A debug step: the seed's DebugTask, which counts down for a number of seconds and exits.
 * Cheap to run, so a DAG can be tried on real queues and agents before it runs real work.
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Arg } from '../core/parameter-reference';
import { Step } from '../core/step';
import { flattenSection } from '../core/values';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { renderWorkerTask, workerScript, WorkerStepProps } from './worker';

/** Worker script of debug steps in the research repository. */
export const DEBUG_ENTRY_POINT = 'src/automation/tasks/scripts/debug_script.py';

/** Properties of a {@link DebugStep}. */
export interface DebugStepProps extends WorkerStepProps {
  /** `Args/time_in_sec`: how long the script counts down, in whole seconds (an `int`; a pipeline parameter fits). */
  readonly seconds: Arg<number>;
  /**
   * Default output URI of the task.
   * @default 'gs://neuralmagic-clearml'
   */
  readonly outputUri?: string;
}

/** Sleeps for `seconds` (the seed's `debug_script.py`). */
export class DebugStep extends Step {
  /** Construct kind. */
  public readonly kind = 'DebugStep';
  /** The props given. */
  public readonly props: DebugStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props how long to sleep, and where
   */
  public constructor(scope: Construct, id: string, props: DebugStepProps) {
    super(scope, id, props);
    this.props = props;
    this.bindArg('Args/time_in_sec', 'seconds', props.seconds, 'int');
    if (typeof props.seconds === 'number' && !(Number.isInteger(props.seconds) && props.seconds >= 0)) {
      this.reportProblem(`seconds ${props.seconds} is not a whole number of seconds >= 0 (the script counts down in whole seconds)`);
    }
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script: workerScript(p, { repository: RESEARCH_REPOSITORY, entryPoint: DEBUG_ENTRY_POINT, packages: p.packages ?? [], addTaskInit: true }),
      image: p.image ?? DEFAULT_IMAGE,
      hyperparams: { Args: flattenSection('Args', { time_in_sec: this.draftArg(p.seconds) ?? null }) },
      configuration: {},
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    return { seconds: this.draftArg(this.props.seconds) };
  }
}
