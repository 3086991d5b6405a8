/**
 * Moving a freshly synthesized assembly into its output directory so that nothing ever reads a
 * half-written one: every file is renamed into place (atomic on one file system), `manifest.json`
 * last, then the files the previous manifest listed and the new one does not are removed. Two
 * commands synthesizing the same app at once each work on their own scratch directory and
 * publish the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE } from '../manifest/schema';

/** A new, empty scratch directory next to `outdir` (same file system, so renames are atomic). */
export function scratchDirFor(outdir: string): string {
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  return fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.synth-`));
}

function listedFiles(manifestFile: string): string[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { pipelines?: { file?: string; graph?: string }[] };
    return (manifest.pipelines ?? []).flatMap((p) => [p.file, p.graph]).filter((f): f is string => typeof f === 'string' && path.basename(f) === f);
  } catch {
    return [];
  }
}

/** Moves the assembly in `scratch` into `outdir` (see the file comment); `scratch` is left empty. */
export function publishAssembly(scratch: string, outdir: string): void {
  fs.mkdirSync(outdir, { recursive: true });
  const previous = listedFiles(path.join(outdir, MANIFEST_FILE));
  const files = fs.readdirSync(scratch).filter((f) => f !== MANIFEST_FILE);
  for (const file of files) {
    fs.renameSync(path.join(scratch, file), path.join(outdir, file));
  }
  fs.renameSync(path.join(scratch, MANIFEST_FILE), path.join(outdir, MANIFEST_FILE));
  for (const stale of previous.filter((f) => !files.includes(f))) {
    fs.rmSync(path.join(outdir, stale), { force: true });
  }
}
