/**
 * Reads a cloud assembly back from disk (`deploy --app cdk.out`, `ls`, `graph`, `synth --check`),
 * checking every document against the JSON Schema and every pipeline file against its digest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ValidationError, ValidationProblem } from '../base/errors';
import { ManifestDocument, schemaProblems } from './json-schema';
import { AssemblyManifest, MANIFEST_FILE, MANIFEST_SCHEMA_VERSION, PipelineManifest } from './schema';
import { sha256Hex } from './serialize';

/** An assembly read from disk. */
export interface LoadedAssembly {
  /** Absolute directory it was read from. */
  readonly dir: string;
  /** The `manifest.json` index. */
  readonly manifest: AssemblyManifest;
  /** The pipeline documents, in index order. */
  readonly pipelines: PipelineManifest[];
}

function readText(file: string, problems: ValidationProblem[]): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    problems.push({ path: file, message: `${reason}; run 'cdk-style synth' to write the assembly again` });
    return undefined;
  }
}

function majorOf(version: string): string {
  return version.split('.')[0];
}

function parseDocument<T>(file: string, text: string, kind: ManifestDocument, problems: ValidationProblem[]): T | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    problems.push({ path: file, message: `not valid JSON (${(error as Error).message})` });
    return undefined;
  }
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'string' && majorOf(version) !== majorOf(MANIFEST_SCHEMA_VERSION)) {
    problems.push({ path: file, message: `manifest format ${version} is not supported (this cdk-style reads ${majorOf(MANIFEST_SCHEMA_VERSION)}.x); synthesize again with this version of cdk-style` });
    return undefined;
  }
  const invalid = schemaProblems(kind, document);
  problems.push(...invalid.map((message) => ({ path: file, message: `does not match the manifest schema: ${message}` })));
  return invalid.length === 0 ? (document as T) : undefined;
}

function loadPipeline(dir: string, entry: AssemblyManifest['pipelines'][number], problems: ValidationProblem[]): PipelineManifest | undefined {
  const file = path.join(dir, entry.file);
  const text = readText(file, problems);
  if (text === undefined) {
    return undefined;
  }
  if (sha256Hex(text) !== entry.sha256) {
    problems.push({ path: file, message: `content does not match the sha256 in ${MANIFEST_FILE} (edited by hand?); synthesize again instead of editing the assembly` });
    return undefined;
  }
  return parseDocument<PipelineManifest>(file, text, 'Pipeline', problems);
}

/**
 * Loads the assembly in `dir`. Throws a `ValidationError` naming each bad file (missing,
 * not JSON, not matching the schema, or edited after synth).
 */
export function loadAssembly(dir: string): LoadedAssembly {
  const absolute = path.resolve(dir);
  const problems: ValidationProblem[] = [];
  const indexFile = path.join(absolute, MANIFEST_FILE);
  const text = readText(indexFile, problems);
  const manifest = text === undefined ? undefined : parseDocument<AssemblyManifest>(indexFile, text, 'Assembly', problems);
  const pipelines = (manifest?.pipelines ?? []).map((entry) => loadPipeline(absolute, entry, problems));
  if (manifest === undefined || problems.length > 0) {
    throw new ValidationError(problems);
  }
  return { dir: absolute, manifest, pipelines: pipelines as PipelineManifest[] };
}
