/**
 * Assertions on a synthesized pipeline: find steps by kind and properties, count them, check
 * dependencies. A failed assertion names the closest candidate and every place it differs.
 */
import { Pipeline } from '../core/pipeline';
import { PipelineManifest, StepSpec } from '../manifest/schema';
import { MatchFailure, matchPattern } from './match';
import { Testing } from './testing';

/** A step candidate and how it differs from a pattern. */
interface Candidate {
  readonly name: string;
  readonly failures: MatchFailure[];
}

/** Assertions over one pipeline's manifest. */
export class Template {
  /** Synthesizes `pipeline` (validating it) and wraps its manifest. */
  public static fromPipeline(pipeline: Pipeline): Template {
    return new Template(Testing.synth(pipeline));
  }

  /** Wraps an existing pipeline manifest (for example one loaded from cdk.out). */
  public static fromManifest(manifest: PipelineManifest): Template {
    return new Template(manifest);
  }

  private constructor(private readonly manifest: PipelineManifest) {}

  /** The wrapped manifest, as plain data. */
  public toJSON(): PipelineManifest {
    return this.manifest;
  }

  /**
   * Steps of `kind` (e.g. `'EvalStep'`, or `'*'` for all) whose step spec matches `props`
   * (partially, see `Match`), keyed by ClearML node name.
   */
  public findSteps(kind: string, props: Record<string, unknown> = {}): Record<string, StepSpec> {
    const found: Record<string, StepSpec> = {};
    for (const [name, step] of this.stepsOfKind(kind)) {
      if (matchPattern(props, step, '').length === 0) {
        found[name] = step;
      }
    }
    return found;
  }

  /** Asserts that at least one step of `kind` matches `props`; otherwise shows the closest one. */
  public hasStep(kind: string, props: Record<string, unknown> = {}): void {
    const steps = this.stepsOfKind(kind);
    const candidates: Candidate[] = steps.map(([name, step]) => ({ name, failures: matchPattern(props, step, '') }));
    if (candidates.some((c) => c.failures.length === 0)) {
      return;
    }
    throw new Error(this.noMatchMessage(kind, candidates));
  }

  /** Asserts that the pipeline has exactly `count` steps of `kind` (`'*'` counts all). */
  public stepCountIs(kind: string, count: number): void {
    const actual = this.stepsOfKind(kind).length;
    if (actual !== count) {
      const names = this.stepsOfKind(kind).map(([n]) => n).join(', ') || 'none';
      throw new Error(`Expected ${count} ${kind} step(s) in pipeline '${this.manifest.id}', found ${actual} (${names}).`);
    }
  }

  /** Asserts that step `child` runs after step `parent` (a direct edge), by node name. */
  public hasDependency(child: string, parent: string): void {
    const step = this.manifest.steps[child];
    if (step === undefined) {
      throw new Error(`No step named '${child}' in pipeline '${this.manifest.id}'; steps: ${Object.keys(this.manifest.steps).join(', ')}.`);
    }
    if (!step.node.parents.includes(parent)) {
      const parents = step.node.parents.join(', ') || 'none';
      throw new Error(`Expected step '${child}' to depend on '${parent}'; its parents are: ${parents}.`);
    }
  }

  /** Asserts that the controller spec matches `props` partially. */
  public hasController(props: Record<string, unknown>): void {
    const failures = matchPattern(props, this.manifest.controller, '');
    if (failures.length > 0) {
      throw new Error(`The controller of '${this.manifest.id}' does not match:\n${formatFailures(failures)}`);
    }
  }

  private stepsOfKind(kind: string): Array<[string, StepSpec]> {
    return Object.entries(this.manifest.steps).filter(([, step]) => kind === '*' || step.kind === kind);
  }

  private noMatchMessage(kind: string, candidates: readonly Candidate[]): string {
    if (candidates.length === 0) {
      const kinds = [...new Set(Object.values(this.manifest.steps).map((s) => s.kind))].sort().join(', ') || 'none';
      return `Pipeline '${this.manifest.id}' has no ${kind} step (kinds present: ${kinds}).`;
    }
    const closest = [...candidates].sort((a, b) => a.failures.length - b.failures.length || (a.name < b.name ? -1 : 1))[0];
    return `No ${kind} step matches in pipeline '${this.manifest.id}' (${candidates.length} candidate(s)). `
      + `Closest is '${closest.name}', which differs in ${closest.failures.length} place(s):\n${formatFailures(closest.failures)}`;
  }
}

function formatFailures(failures: readonly MatchFailure[]): string {
  return failures.map((f) => `  at ${f.path || '/'}: ${f.message}`).join('\n');
}
