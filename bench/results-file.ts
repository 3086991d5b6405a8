/**
 * bench/results.md is shared by every benchmark: each one owns a section between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` and replaces only that.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Path of the results file. */
export const RESULTS_FILE = path.join(__dirname, 'results.md');

const HEADER = '# Benchmark results\n\nWritten by `npm run bench:*`; each section notes the machine it ran on. Compare ratios within one run: these machines are noisy.\n';

/** One line describing the machine, for the section header. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} x ${cpu.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces (or appends) the section `name` of bench/results.md with `markdown`. */
export function writeSection(name: string, markdown: string): void {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const current = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : HEADER;
  const block = `${open}\n${markdown.trimEnd()}\n${close}`;
  const start = current.indexOf(open);
  const end = current.indexOf(close);
  const next = start >= 0 && end > start
    ? `${current.slice(0, start)}${block}${current.slice(end + close.length)}`
    : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}
