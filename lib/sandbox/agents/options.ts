/**
 * Options of the sandbox's simulated agents: which queues get a simulated worker, and how each
 * simulated step behaves (per queue or per step name): duration, outcome, output model, metrics.
 */
import type { ExecuteOptions } from '../../run/engine';

/** lm-eval shaped metrics: lm-eval task (scalar title) → metric (series) → value. */
export type MetricsFixture = Record<string, Record<string, number>>;

/** How a simulated step behaves. */
export interface SimulatedStepOptions {
  /** Time the step "runs", in ms. @default 0 */
  readonly durationMs?: number;
  /** Fail the step with this message instead of completing it. @default undefined (complete) */
  readonly failWith?: string;
  /** Register an output model. @default true for llm-compressor steps (entry point `llmcompressor_script.py`) */
  readonly outputModel?: boolean;
  /** Metrics to report. @default for lm-eval steps, `acc,none` and `acc_stderr,none` per task of their `lm_eval` configuration */
  readonly metrics?: MetricsFixture;
}

/** Options of the simulated agents (`startSandbox({ agents })`). */
export interface SimulatedAgentsOptions {
  /** Queues served by simulated workers. @default every queue of the sandbox except `services` */
  readonly queues?: readonly string[];
  /** Simulated workers per queue (each runs one step at a time, like clearml-agent). @default 4 */
  readonly workersPerQueue?: number;
  /** Run controllers enqueued on `services` with the pipeline engine (a simulated services agent). @default true */
  readonly services?: boolean;
  /** How often a worker that just finished a task (or started) asks its queue for work, in ms. @default 25 */
  readonly idlePollMs?: number;
  /**
   * The longest pause between two polls of an idle worker: each empty poll doubles the pause from
   * `idlePollMs` up to this, and a popped task resets it (clearml-agent polls every few seconds).
   * Keeps an idle `cdk-style sandbox --agents` near 0 % CPU, so it answers signals at once.
   * @default 250
   */
  readonly idlePollMaxMs?: number;
  /** Behaviour of every step. @default completes at once */
  readonly defaults?: SimulatedStepOptions;
  /** Behaviour by queue name (over `defaults`). @default {} */
  readonly byQueue?: Readonly<Record<string, SimulatedStepOptions>>;
  /** Behaviour by step (task) name (over the queue's). @default {} */
  readonly bySteps?: Readonly<Record<string, SimulatedStepOptions>>;
  /** Engine options of the services agent (polling intervals). @default the engine's */
  readonly engine?: Pick<ExecuteOptions, 'poll' | 'launchConcurrency'>;
  /** Where simulated output models "live" (`file://` URIs). @default file:///tmp/cdk-style-sandbox/models */
  readonly modelRoot?: string;
}

/** The behaviour of step `name` on `queue`. */
export function behaviourOf(options: SimulatedAgentsOptions, queue: string, name: string): SimulatedStepOptions {
  return { ...(options.defaults ?? {}), ...(options.byQueue?.[queue] ?? {}), ...(options.bySteps?.[name] ?? {}) };
}
