/**
 * Writes the cloud assembly: `manifest.json`, one `<pipeline>.json` and one `<pipeline>.mmd`
 * per pipeline. Output is canonical (see serialize.ts), so the same tree gives the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMermaid } from './graph';
import { AssemblyManifest, MANIFEST_FILE, MANIFEST_SCHEMA_VERSION, PipelineEntry, PipelineManifest } from './schema';
import { canonicalJson, codeUnitOrder, pipelineFileStem, sha256Hex } from './serialize';

/** One file of an assembly, as text. */
export interface AssemblyFile {
  /** File name inside the assembly directory. */
  readonly name: string;
  /** Exact content. */
  readonly text: string;
  /** The content encoded as UTF-8 (encoded once, then hashed and written). */
  readonly bytes: Buffer;
}

function assemblyFile(name: string, text: string): AssemblyFile {
  return { name, text, bytes: Buffer.from(text, 'utf8') };
}

/** Renders the files of an assembly without touching the disk (used by write and `--check`). */
export function renderAssembly(pipelines: readonly PipelineManifest[]): { manifest: AssemblyManifest; files: AssemblyFile[] } {
  const sorted = [...pipelines].sort((a, b) => codeUnitOrder(a.id, b.id));
  const files: AssemblyFile[] = [];
  const entries: PipelineEntry[] = [];
  const stems = new Map<string, string>();
  for (const pipeline of sorted) {
    const stem = pipelineFileStem(pipeline.id);
    const clash = stems.get(stem);
    if (clash !== undefined) {
      throw new Error(`pipelines '${clash}' and '${pipeline.id}' would both be written to ${stem}.json; rename one of them`);
    }
    stems.set(stem, pipeline.id);
    const file = assemblyFile(`${stem}.json`, canonicalJson(pipeline));
    files.push(file, assemblyFile(`${stem}.mmd`, renderMermaid(pipeline)));
    entries.push({
      id: pipeline.id, name: pipeline.name, project: pipeline.project, file: `${stem}.json`, graph: `${stem}.mmd`,
      sha256: sha256Hex(file.bytes), steps: Object.keys(pipeline.steps).length,
    });
  }
  const manifest: AssemblyManifest = { schemaVersion: MANIFEST_SCHEMA_VERSION, pipelines: entries };
  files.unshift(assemblyFile(MANIFEST_FILE, canonicalJson(manifest)));
  return { manifest, files };
}

/** Files a previous synth wrote into `outdir` (from its manifest.json), so stale ones can go. */
function previousFiles(outdir: string): string[] {
  try {
    const old = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8')) as AssemblyManifest;
    return (old.pipelines ?? []).flatMap((p) => [p.file, p.graph]).filter((f) => typeof f === 'string' && path.basename(f) === f);
  } catch {
    return [];
  }
}

/**
 * Writes the assembly of `pipelines` into `outdir` (created when missing) and returns its
 * index. Files of pipelines that a previous synth wrote there and that no longer exist are removed.
 */
export function writeAssembly(outdir: string, pipelines: readonly PipelineManifest[]): AssemblyManifest {
  const { manifest, files } = renderAssembly(pipelines);
  fs.mkdirSync(outdir, { recursive: true });
  const keep = new Set(files.map((f) => f.name));
  for (const stale of previousFiles(outdir).filter((f) => !keep.has(f))) {
    fs.rmSync(path.join(outdir, stale), { force: true });
  }
  // manifest.json last: a reader that finds it also finds every file it lists.
  for (const file of [...files.slice(1), files[0]]) {
    fs.writeFileSync(path.join(outdir, file.name), file.bytes);
  }
  return manifest;
}
