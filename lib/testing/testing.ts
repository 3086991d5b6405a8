/**
 * Helpers for users' own tests: an app that writes to a temporary directory, and synthesis to
 * plain, canonical objects ready for `toMatchSnapshot()`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IConstruct } from 'constructs';
import { App } from '../core/app';
import { Pipeline } from '../core/pipeline';
import { buildManifests } from '../core/synthesizer';
import { PipelineManifest } from '../manifest/schema';
import { canonicalJson } from '../manifest/serialize';

/** Static helpers for tests. */
export class Testing {
  /** An App whose output directory is a fresh temporary directory. */
  public static app(): App {
    return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-test-')) });
  }

  /** Synthesizes one pipeline: its manifest, validated, as plain data with sorted keys. */
  public static synth(scope: Pipeline): PipelineManifest;
  /** Synthesizes every pipeline of an app (or any scope), keyed by pipeline id. */
  public static synth(scope: IConstruct): Record<string, PipelineManifest>;
  public static synth(scope: IConstruct): PipelineManifest | Record<string, PipelineManifest> {
    const manifests = buildManifests(scope).map((m) => JSON.parse(canonicalJson(m)) as PipelineManifest);
    if (Pipeline.isPipeline(scope)) {
      return manifests[0];
    }
    return Object.fromEntries(manifests.map((m) => [m.id, m]));
  }

  private constructor() {}
}
