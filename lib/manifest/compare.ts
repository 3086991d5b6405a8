/**
 * `synth --check`: compares the assembly the code produces now with a committed one, file by
 * file, and describes each difference with a short line diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffLines, formatHunks } from './line-diff';
import { AssemblyFile } from './write';

/** One file that differs. */
export interface FileDifference {
  /** File name inside the assembly. */
  readonly name: string;
  /** What is wrong: the committed copy is missing, extra, or has other content. */
  readonly kind: 'missing' | 'extra' | 'changed';
  /** Human-readable diff (for `changed`), lines prefixed with `-` (committed) and `+` (code). */
  readonly diff: string;
}

const CONTEXT_LINES = 2;
const MAX_DIFF_LINES = 40;

/** A readable diff of two versions of a file: changed lines with context, capped in length. */
export function lineDiff(committed: string, current: string): string {
  const lines = formatHunks(diffLines(committed, current), CONTEXT_LINES);
  const cut = lines.length > MAX_DIFF_LINES ? [...lines.slice(0, MAX_DIFF_LINES), `  ... ${lines.length - MAX_DIFF_LINES} more lines`] : lines;
  return cut.join('\n');
}

/** Names of files in `dir` that look like assembly files (`*.json`, `*.mmd`). */
function assemblyFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.mmd')).sort();
}

/** Compares `files` (what synth produces now) with the directory `committedDir`. */
export function compareWithDirectory(files: readonly AssemblyFile[], committedDir: string): FileDifference[] {
  const differences: FileDifference[] = [];
  const expected = new Set(files.map((f) => f.name));
  for (const file of files) {
    const target = path.join(committedDir, file.name);
    if (!fs.existsSync(target)) {
      differences.push({ name: file.name, kind: 'missing', diff: '' });
      continue;
    }
    const committed = fs.readFileSync(target);
    if (!committed.equals(file.bytes)) {
      differences.push({ name: file.name, kind: 'changed', diff: lineDiff(committed.toString('utf8'), file.bytes.toString('utf8')) });
    }
  }
  for (const name of assemblyFilesIn(committedDir).filter((n) => !expected.has(n))) {
    differences.push({ name, kind: 'extra', diff: '' });
  }
  return differences;
}
