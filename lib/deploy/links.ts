/**
 * Links to the ClearML web UI for what deploy wrote.
 */

/**
 * The web UI address for an API server address, by ClearML's own conventions: `api.` host
 * prefix becomes `app.`, port 8008 becomes 8080. Returns undefined when it cannot tell.
 */
export function webHostFor(apiHost: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiHost);
  } catch {
    return undefined;
  }
  if (url.hostname.startsWith('api.')) {
    url.hostname = `app.${url.hostname.slice(4)}`;
  } else if (url.port === '8008') {
    url.port = '8080';
  } else {
    return undefined;
  }
  return url.origin;
}

/** The pipeline page of a controller: `{web}/pipelines/{projectId}/experiments/{controllerId}`. */
export function pipelineLink(webHost: string, projectId: string, controllerId: string): string {
  return `${webHost.replace(/\/+$/, '')}/pipelines/${projectId}/experiments/${controllerId}`;
}

/** The page of a task: `{web}/projects/{projectId}/experiments/{taskId}`. */
export function taskLink(webHost: string, projectId: string, taskId: string): string {
  return `${webHost.replace(/\/+$/, '')}/projects/${projectId}/experiments/${taskId}`;
}
