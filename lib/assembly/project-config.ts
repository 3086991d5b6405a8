/**
 * `cdk-style.json`, the project file: which command runs the app and where synth writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../base/errors';

/** Name of the project file, looked up in the working directory. */
export const PROJECT_FILE = 'cdk-style.json';

/** Default synth output directory. */
export const DEFAULT_OUTPUT = 'cdk.out';

/** The settings of `cdk-style.json`. */
export interface ProjectConfig {
  /**
   * Shell command that runs the app (e.g. `tsx examples/seed-pipeline.ts`).
   * @default none: `--app` must be given
   */
  readonly app?: string;
  /**
   * Synth output directory, relative to the project file.
   * @default 'cdk.out'
   */
  readonly output: string;
  /**
   * Free-form values the app can read from `CDK_STYLE_CONTEXT` (JSON).
   * @default {}
   */
  readonly context: Record<string, unknown>;
}

function fail(file: string, message: string): never {
  throw new UsageError(`${file}: ${message}. Expected {"app": "<command>", "output": "cdk.out", "context": {}}.`);
}

/** Checks the parsed JSON of a project file and fills in the defaults. */
export function parseProjectConfig(raw: unknown, file: string): ProjectConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(file, 'must hold a JSON object');
  }
  const { app, output, context, ...unknown } = raw as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) {
    fail(file, `unknown key(s) ${extra.map((k) => `"${k}"`).join(', ')}`);
  }
  if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) {
    fail(file, '"app" must be a non-empty string');
  }
  if (output !== undefined && (typeof output !== 'string' || output.trim() === '')) {
    fail(file, '"output" must be a non-empty string');
  }
  if (context !== undefined && (typeof context !== 'object' || context === null || Array.isArray(context))) {
    fail(file, '"context" must be an object');
  }
  return { app: app as string | undefined, output: (output as string | undefined) ?? DEFAULT_OUTPUT, context: (context as Record<string, unknown>) ?? {} };
}

/** Reads `cdk-style.json` in `cwd`; returns the defaults when there is none. */
export function loadProjectConfig(cwd: string): ProjectConfig {
  const file = path.join(cwd, PROJECT_FILE);
  if (!fs.existsSync(file)) {
    return { output: DEFAULT_OUTPUT, context: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, `is not valid JSON (${(error as Error).message})`);
  }
  return parseProjectConfig(raw, file);
}
