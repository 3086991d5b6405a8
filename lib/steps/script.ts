/**
 * The `script` and `container` blocks of draft tasks that run a script from a git repository.
 */
import { ContainerSpec, ScriptSpec } from '../manifest/schema';

/** The seed project's repository, which holds the worker scripts. */
export const RESEARCH_REPOSITORY = 'https://github.com/neuralmagic/research.git';
/** Default branch of the worker scripts. */
export const DEFAULT_BRANCH = 'main';
/** Default image of the seed's worker tasks. */
export const DEFAULT_IMAGE = 'quay.io/nmmlops/mlops/k8s-research-cuda12_8:latest';
/** Default output URI of compression and evaluation drafts. */
export const DEFAULT_OUTPUT_URI = 'gs://neuralmagic-clearml';

/** Where a script lives and how to install it. */
export interface RepositoryScript {
  /** Git URL. */
  readonly repository: string;
  /** Branch; ignored when `commit` is set. */
  readonly branch: string;
  /** Pinned commit, if any. */
  readonly commit?: string;
  /** Script path inside the repository. */
  readonly entryPoint: string;
  /** Extra pip requirements. */
  readonly packages: readonly string[];
  /** Add a `Task.init()` call at the top of the script (needed when the script does not call it). */
  readonly addTaskInit: boolean;
}

/**
 * A unified diff that inserts a `Task.init()` call at the top of `path`, so the worker script
 * attaches to its ClearML task when an agent runs it.
 */
export function taskInitPatch(path: string): string {
  return [
    `diff --git a/${path} b/${path}`,
    `--- a/${path}`,
    `+++ b/${path}`,
    '@@ -0,0 +1,4 @@',
    '+try: from allegroai import Task',
    '+except ImportError: from clearml import Task',
    "+if __name__ == '__main__': Task.init()",
    '+',
    '',
  ].join('\n');
}

/**
 * Requirements text: the packages trimmed, sorted and de-duplicated (a bare name is dropped when
 * a pinned `name==version` is listed too, as the seed's BaseTask does), then the research package
 * line when the script comes from the research repository, then `clearml` unless a line already names it.
 */
export function requirementsText(script: RepositoryScript): string {
  const unique = new Set(script.packages.map((p) => p.trim()).filter((p) => p !== ''));
  const pinned = new Set([...unique].filter((p) => p.includes('==')).map((p) => p.split('==')[0]));
  const lines = [...unique].filter((p) => !pinned.has(p)).sort();
  if (script.repository === RESEARCH_REPOSITORY) {
    lines.push(`git+${RESEARCH_REPOSITORY}@${script.commit ?? script.branch}`);
  }
  if (!lines.some((l) => /^clearml\b(?!-)/.test(l))) {
    lines.push('clearml');
  }
  return lines.join('\n');
}

/** Renders the `script` block of a draft task (keys sorted, as the manifest writes them). */
export function renderScript(script: RepositoryScript): ScriptSpec {
  return {
    binary: 'python3',
    branch: script.commit ? '' : script.branch,
    diff: script.addTaskInit ? taskInitPatch(script.entryPoint) : '',
    entry_point: script.entryPoint,
    repository: script.repository,
    requirements: { pip: requirementsText(script) },
    version_num: script.commit ?? '',
    working_dir: '.',
  };
}

/** Renders the `container` block of a draft task (keys sorted). */
export function renderContainer(image: string): ContainerSpec {
  return { arguments: '', image, setup_shell_script: '' };
}
