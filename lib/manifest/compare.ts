/**
 * `synth --check`: compares the assembly the code produces now with a committed one, file by
 * file, and describes each difference with a short line diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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

/** A compact diff: common head and tail trimmed, the changed middle shown with some context. */
export function lineDiff(committed: string, current: string): string {
  const a = committed.split('\n');
  const b = current.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail++;
  }
  const from = Math.max(0, head - CONTEXT_LINES);
  const lines = [`@@ line ${head + 1} @@`, ...a.slice(from, head).map((l) => `  ${l}`)];
  lines.push(...a.slice(head, a.length - tail).map((l) => `- ${l}`), ...b.slice(head, b.length - tail).map((l) => `+ ${l}`));
  lines.push(...a.slice(a.length - tail, a.length - tail + CONTEXT_LINES).map((l) => `  ${l}`));
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
    const committed = fs.readFileSync(target, 'utf8');
    if (committed !== file.text) {
      differences.push({ name: file.name, kind: 'changed', diff: lineDiff(committed, file.text) });
    }
  }
  for (const name of assemblyFilesIn(committedDir).filter((n) => !expected.has(n))) {
    differences.push({ name, kind: 'extra', diff: '' });
  }
  return differences;
}
