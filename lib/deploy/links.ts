/**
 * Links to the ClearML web UI for what deploy wrote.
 */

/** The pipeline page of a controller: `{web}/pipelines/{projectId}/experiments/{controllerId}`. */
export function pipelineLink(webHost: string, projectId: string, controllerId: string): string {
  return `${webHost.replace(/\/+$/, '')}/pipelines/${projectId}/experiments/${controllerId}`;
}

/** The page of a task: `{web}/projects/{projectId}/experiments/{taskId}`. */
export function taskLink(webHost: string, projectId: string, taskId: string): string {
  return `${webHost.replace(/\/+$/, '')}/projects/${projectId}/experiments/${taskId}`;
}
