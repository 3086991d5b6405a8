/**
 * A controller adopted from a `PipelineController` script keeps running that script, and such a
 * script builds its DAG from its own code (`always_create_from_code`, the SDK's default): a DAG
 * change written into its `Pipeline` configuration would show in the web UI but not reach its
 * runs. Deploy refuses it, before any write, with the two ways out. (A seed controller's script
 * reads its `Steps` at run time, so DAG changes to it are written.)
 */
import { DeployError } from './errors';
import { PipelinePlan, Plan } from './plan-model';

/** True when `pipeline`'s plan changes the DAG of a controller adopted from a PipelineController script. */
export function changesAdoptedScriptDag(pipeline: PipelinePlan): boolean {
  const { controller } = pipeline;
  return pipeline.manifest.controller.dagFormat === 'Pipeline' && controller.kind === 'update'
    && controller.changes.some((c) => c.path === 'configuration.Pipeline');
}

/** The plan's line for such a pipeline. */
export function adoptedScriptDagWarning(pipeline: PipelinePlan): string {
  const entry = pipeline.manifest.controller.task.script.entry_point;
  return `Warning: pipeline ${pipeline.name}: the DAG changed, but its controller runs its own script (${entry}), which builds the DAG from its code; deploy refuses this (see below)`;
}

/** Throws when the plan changes the DAG of a controller that would not run it. */
export function refuseAdoptedScriptDagChanges(plan: Plan): void {
  const pipelines = plan.pipelines.filter(changesAdoptedScriptDag);
  if (pipelines.length === 0) {
    return;
  }
  const names = pipelines.map((p) => `${p.name} (controller ${p.controller.taskId}, script ${p.manifest.controller.task.script.entry_point})`).join(', ');
  throw new DeployError('AdoptedControllerDag', `Nothing was written: the DAG of ${names} changed, but that controller was made by a PipelineController script, `
    + 'which builds its DAG from its own code when it runs, so the change would not reach its runs. Either remove the `controller` prop '
    + "(the AdoptedController) so deploy turns it into cdk-style's native controller, which runs the DAG it is given, or make the change in the script.");
}
