/**
 * Writes the cloud assembly: `manifest.json`, one `<pipeline>.json` and one `<pipeline>.mmd`
 * per pipeline. Output is canonical (see serialize.ts), so the same tree gives the same bytes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMermaid } from './graph';
import { AssemblyManifest, MANIFEST_FILE, MANIFEST_SCHEMA_VERSION, PipelineEntry, PipelineManifest } from './schema';
import { canonicalJson, codeUnitOrder, pipelineFileStem, sha256Hex, writeCanonicalJson } from './serialize';
import { collectUtf8, Utf8Writer } from './utf8-writer';

/** One file of an assembly. */
export interface AssemblyFile {
  /** File name inside the assembly directory. */
  readonly name: string;
  /** Exact content, UTF-8. */
  readonly bytes: Buffer;
}

/** Stores one file of an assembly, produced by `produce`, and returns its SHA-256 (hex). */
type FileStore = (name: string, produce: (out: Utf8Writer) => void) => string;

/**
 * Produces every file of the assembly of `pipelines` into `store`, `manifest.json` last (so a
 * reader that finds it also finds every file it lists), and returns the index.
 */
function produceAssembly(pipelines: readonly PipelineManifest[], store: FileStore): AssemblyManifest {
  const sorted = [...pipelines].sort((a, b) => codeUnitOrder(a.id, b.id));
  const entries: PipelineEntry[] = [];
  const stems = new Map<string, string>();
  for (const pipeline of sorted) {
    const stem = pipelineFileStem(pipeline.id);
    const clash = stems.get(stem);
    if (clash !== undefined) {
      throw new Error(`pipelines '${clash}' and '${pipeline.id}' would both be written to ${stem}.json; rename one of them`);
    }
    stems.set(stem, pipeline.id);
    const sha256 = store(`${stem}.json`, (out) => writeCanonicalJson(pipeline as unknown as Record<string, unknown>, 'steps', out));
    store(`${stem}.mmd`, (out) => out.append(renderMermaid(pipeline)));
    entries.push({
      id: pipeline.id, name: pipeline.name, project: pipeline.project, file: `${stem}.json`, graph: `${stem}.mmd`,
      sha256, steps: Object.keys(pipeline.steps).length,
    });
  }
  const manifest: AssemblyManifest = { schemaVersion: MANIFEST_SCHEMA_VERSION, pipelines: entries };
  store(MANIFEST_FILE, (out) => out.append(canonicalJson(manifest)));
  return manifest;
}

/** Renders the files of an assembly in memory, without touching the disk (`manifest.json` first). */
export function renderAssembly(pipelines: readonly PipelineManifest[]): { manifest: AssemblyManifest; files: AssemblyFile[] } {
  const files: AssemblyFile[] = [];
  const manifest = produceAssembly(pipelines, (name, produce) => {
    const bytes = collectUtf8(produce);
    files.push({ name, bytes });
    return sha256Hex(bytes);
  });
  files.unshift(...files.splice(files.length - 1));
  return { manifest, files };
}

/**
 * Streams one file to disk through a small buffer, hashing it on the way. It is written under a
 * temporary name and renamed into place, so a reader never sees it half-written.
 */
function writeFileStreaming(file: string, produce: (out: Utf8Writer) => void): string {
  const hash = createHash('sha256');
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    const out = new Utf8Writer((chunk) => {
      hash.update(chunk);
      for (let done = 0; done < chunk.length;) {
        done += fs.writeSync(fd, chunk, done);
      }
    });
    produce(out);
    out.flush();
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return hash.digest('hex');
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
  fs.mkdirSync(outdir, { recursive: true });
  const stale = new Set(previousFiles(outdir));
  const manifest = produceAssembly(pipelines, (name, produce) => {
    stale.delete(name);
    return writeFileStreaming(path.join(outdir, name), produce);
  });
  for (const file of stale) {
    fs.rmSync(path.join(outdir, file), { force: true });
  }
  return manifest;
}
