/**
 * `npm run bench:synth`: synth wall time and peak memory for 100, 1,000 and 10,000 steps, and
 * cdk8s synthesizing the same number of objects in the same run (the issue's reference), each
 * measurement in a fresh process, runs interleaved, medians written to bench/results.md.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { machineLine, writeSection } from './results-file';

interface Sample {
  readonly steps: number;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly peakRssMb: number;
  readonly bytes: number;
}

/** One thing to measure: a tool and the kind of object it synthesizes. */
interface Variant {
  readonly tool: 'cdk-style' | 'cdk8s';
  readonly kind: string;
  readonly script: string;
}

const SIZES = [100, 1_000, 10_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VARIANTS: readonly Variant[] = [
  { tool: 'cdk-style', kind: 'seed', script: 'synth-one.ts' },
  { tool: 'cdk-style', kind: 'minimal', script: 'synth-one.ts' },
  { tool: 'cdk8s', kind: 'job', script: 'synth-cdk8s.ts' },
  { tool: 'cdk8s', kind: 'job-large', script: 'synth-cdk8s.ts' },
  { tool: 'cdk8s', kind: 'configmap', script: 'synth-cdk8s.ts' },
];

function measure(variant: Variant, steps: number): Sample {
  const args = ['--import', 'tsx', path.join(__dirname, variant.script), String(steps), variant.kind];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of every field over the samples. */
function medianSample(samples: readonly Sample[]): Sample {
  const pick = (k: keyof Sample): number => median(samples.map((s) => s[k]));
  return { steps: pick('steps'), constructMs: pick('constructMs'), synthMs: pick('synthMs'), totalMs: pick('totalMs'), peakRssMb: pick('peakRssMb'), bytes: pick('bytes') };
}

/** Runs every variant at every size, `RUNS` rounds interleaved so drift hits them all alike. */
function measureAll(): Map<string, Sample> {
  const samples = new Map<string, Sample[]>();
  for (let run = 0; run < RUNS; run++) {
    for (const steps of SIZES) {
      for (const variant of VARIANTS) {
        const key = `${variant.tool}/${variant.kind}/${steps}`;
        samples.set(key, [...(samples.get(key) ?? []), measure(variant, steps)]);
      }
    }
  }
  return new Map([...samples].map(([key, list]) => [key, medianSample(list)]));
}

function row(variant: Variant, s: Sample, emptyRss: number): string {
  const cells = [
    variant.tool, variant.kind, s.steps.toLocaleString('en-US'), s.constructMs.toFixed(0), s.synthMs.toFixed(0), `**${s.totalMs.toFixed(0)}**`,
    s.peakRssMb.toFixed(0), (s.peakRssMb - emptyRss).toFixed(0), (s.bytes / 2 ** 20).toFixed(1), (s.bytes / s.steps / 1024).toFixed(2),
  ];
  return `| ${cells.join(' | ')} |`;
}

function ratioLine(results: Map<string, Sample>, cdk8sKind: string, ours: string): string {
  const n = SIZES[SIZES.length - 1];
  const theirs = results.get(`cdk8s/${cdk8sKind}/${n}`) as Sample;
  const mine = results.get(`cdk-style/${ours}/${n}`) as Sample;
  const kb = (s: Sample) => (s.bytes / s.steps / 1024).toFixed(2);
  return `| cdk8s ${cdk8sKind} (${kb(theirs)} KiB each) | cdk-style ${ours} (${kb(mine)} KiB each) | ${theirs.totalMs.toFixed(0)} ms / ${mine.totalMs.toFixed(0)} ms | **${(theirs.totalMs / mine.totalMs).toFixed(1)}x** |`;
}

function main(): void {
  const empty = new Map(VARIANTS.map((v) => [v.tool, measure(v, 0).peakRssMb]));
  const results = measureAll();
  const rows = VARIANTS.flatMap((v) => SIZES.map((n) => row(v, results.get(`${v.tool}/${v.kind}/${n}`) as Sample, empty.get(v.tool) ?? 0)));
  const ratios = [
    ratioLine(results, 'job', 'minimal'), ratioLine(results, 'job-large', 'seed'),
    ratioLine(results, 'configmap', 'minimal'), ratioLine(results, 'configmap', 'seed'),
  ];
  process.stdout.write(`${[...rows, '', ...ratios].join('\n')}\n`);
  writeSection('synth', [
    '## Synth (`npm run bench:synth`)',
    '',
    machineLine(),
    '',
    `N objects in one pipeline (cdk-style) or one chart (cdk8s ${require('cdk8s/package.json').version}), built, synthesized and written to disk; every measurement in a fresh process, the ${RUNS} runs interleaved, medians shown. Peak RSS is the whole process (Node, tsx and the loaded modules: ${[...empty].map(([t, mb]) => `${t} ${mb.toFixed(0)} MB`).join(', ')} with 0 objects); "growth" subtracts that.`,
    '',
    '- cdk-style `seed`: a compression and two evaluations of its output, repeated: the seed\'s real drafts (recipe YAML, Args, lm-eval configuration objects), each step a fully rendered draft task and DAG node.',
    '- cdk-style `minimal`: TaskSteps with one argument, still a full draft task and DAG node each.',
    '- cdk8s `job`: a batch/v1 Job (container with env, resources, volume) about as large as a minimal step.',
    '- cdk8s `job-large`: the same Job with 78 environment variables, about as large as a seed-like step.',
    '- cdk8s `configmap`: a one-entry ConfigMap, the smallest useful object.',
    '',
    '| tool | kind | objects | construct ms | synth + write ms | total ms | peak RSS MB | growth MB | output MiB | KiB per object |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Speed-up at ${SIZES[SIZES.length - 1].toLocaleString('en-US')} objects (cdk8s total time / cdk-style total time, same run):`,
    '',
    '| cdk8s | cdk-style | times | cdk-style faster by |',
    '|---|---|---|---:|',
    ...ratios,
  ].join('\n'));
}

main();
