/**
 * Where `diff` writes its plan: stdout in `--format` (text, markdown or json), and each
 * `--out FILE` in the format its extension names: `.json` a saved plan for
 * `deploy --plan`, `.md`/`.markdown` the markdown review bundle, any other the `--format`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../base/errors';
import { PipelineManifest } from '../manifest/schema';
import { formatPlan } from '../deploy/format';
import { planToJson } from '../deploy/format-json';
import { formatPlanMarkdown } from '../deploy/format-markdown';
import { ObservedState } from '../deploy/observe';
import { Plan } from '../deploy/plan-model';
import { makeSavedPlan } from '../deploy/saved-plan';

/** Output formats of `diff`. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

/** An output format of `diff`. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** What one rendering needs. */
export interface PlanOutput {
  /** The manifests planned. */
  readonly pipelines: readonly PipelineManifest[];
  /** What the plan was computed from. */
  readonly observed: ObservedState;
  /** The plan. */
  readonly plan: Plan;
}

/** The format of an `--out` file. */
export function formatOfFile(file: string, fallback: DiffFormat): DiffFormat {
  const ext = path.extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.md' || ext === '.markdown' ? 'markdown' : fallback;
}

/** The plan in `format`, ending with a newline. For a file, json is the saved plan. */
export function renderPlan(output: PlanOutput, format: DiffFormat, toFile: boolean): string {
  switch (format) {
    case 'markdown':
      return formatPlanMarkdown(output.plan);
    case 'json': {
      const doc = toFile ? makeSavedPlan(output.pipelines, output.observed, output.plan) : planToJson(output.plan);
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    default:
      return `${formatPlan(output.plan)}\n`;
  }
}

/** Checks the `--out` files before anything is read: distinct, in existing directories. */
export function checkOutFiles(files: readonly string[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    const full = path.resolve(file);
    if (seen.has(full)) {
      throw new UsageError(`--out ${file} is given twice.`);
    }
    seen.add(full);
    if (!fs.existsSync(path.dirname(full))) {
      throw new UsageError(`--out ${file}: directory ${path.dirname(full)} does not exist.`);
    }
  }
}

/** Writes each `--out` file (temp file, then rename). */
export function writeOutFiles(output: PlanOutput, files: readonly string[], fallback: DiffFormat): string[] {
  return files.map((file) => {
    const format = formatOfFile(file, fallback);
    const temp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(temp, renderPlan(output, format, true));
    fs.renameSync(temp, file);
    return `${format === 'json' ? 'Saved plan' : format === 'markdown' ? 'Review bundle (markdown)' : 'Diff'} written to ${file}`;
  });
}
