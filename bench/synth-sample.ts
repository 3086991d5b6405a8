/**
 * One synth measurement in the current process, shared by synth-one.ts (cdk-style) and
 * synth-cdk8s.ts (cdk8s): times building the tree and synthesizing it into a fresh directory,
 * then prints one JSON line { steps, constructMs, synthMs, totalMs, peakRssMb, bytes }.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Something that writes its output into the directory it was built with. */
export interface Synthesizable {
  /** Writes the output. */
  synth(): unknown;
}

/** Builds the tree of `count` objects with `build`, synthesizes it and prints the sample. */
export function printSynthSample(count: number, build: (outdir: string) => Synthesizable): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-bench-'));
  const start = process.hrtime.bigint();
  const app = build(outdir);
  const built = process.hrtime.bigint();
  app.synth();
  const done = process.hrtime.bigint();
  const bytes = fs.readdirSync(outdir).reduce((sum, f) => sum + fs.statSync(path.join(outdir, f)).size, 0);
  fs.rmSync(outdir, { recursive: true, force: true });
  const ms = (a: bigint, b: bigint): number => Number(b - a) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ steps: count, constructMs: ms(start, built), synthMs: ms(built, done), totalMs: ms(start, done), peakRssMb, bytes })}\n`);
}
