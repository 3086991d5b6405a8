/**
 * `npm run bench:client`: requests per second of the ClearML client against the sandbox on
 * loopback (`tasks.get_all` of a small page, `tasks.get_by_id`), one at a time and with 16 in
 * flight, written to the `client` section of bench/results.md.
 */
import { ClearmlClient } from '../lib/clearml/client';
import { RunningSandbox, startSandbox } from '../lib/sandbox/start';
import { machineLine, writeSection } from './results-file';

const REQUESTS = 2000;
const TASKS = 50;

interface Row {
  readonly endpoint: string;
  readonly inFlight: number;
  readonly ms: number;
  readonly sorted: number[];
}

type Request = (client: ClearmlClient) => Promise<unknown>;

/** Runs `request` REQUESTS times with `inFlight` workers; returns each request's latency. */
async function run(client: ClearmlClient, request: Request, inFlight: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      next++;
      const start = process.hrtime.bigint();
      await request(client);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return latencies;
}

async function measure(client: ClearmlClient, endpoint: string, request: Request, inFlight: number): Promise<Row> {
  await run(client, request, inFlight);
  const start = process.hrtime.bigint();
  const latencies = await run(client, request, inFlight);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { endpoint, inFlight, ms, sorted: latencies.sort((a, b) => a - b) };
}

async function seedTasks(client: ClearmlClient): Promise<string[]> {
  const project = await client.call<{ id: string }>('projects.create', { name: 'bench/client' });
  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    ids.push((await client.call<{ id: string }>('tasks.create', { name: `bench task ${i}`, type: 'training', project: project.id })).id);
  }
  return ids;
}

function percentile(sorted: number[], p: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(2);
}

function table(rows: Row[], sandbox: RunningSandbox): string {
  const lines = rows.map((r) => `| ${r.endpoint} | ${r.inFlight} | ${REQUESTS} | ${Math.round((REQUESTS / r.ms) * 1000)} | ${percentile(r.sorted, 0.5)} | ${percentile(r.sorted, 0.99)} |`);
  return [
    '## Client (`npm run bench:client`)',
    '',
    machineLine(),
    '',
    `One client (keep-alive pool of 16 connections, one login) against the embedded sandbox on loopback (${sandbox.url.replace(/:\d+$/, ':PORT')}), `
    + `${TASKS} tasks stored. Each row: a warm-up run of ${REQUESTS} requests, then ${REQUESTS} timed requests. `
    + '`tasks.get_all` asks for a page of 10 tasks with 3 fields. Latency is per request, as the caller sees it. '
    + 'Client and sandbox share one Node process (one event loop), so 16 in flight shows the client under concurrency, not server parallelism.',
    '',
    '| request | in flight | requests | requests/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
}

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  try {
    const ids = await seedTasks(client);
    const getAll: Request = (c) => c.call('tasks.get_all', { page: 0, page_size: 10, only_fields: ['id', 'name', 'status'] });
    let i = 0;
    const getById: Request = (c) => c.call('tasks.get_by_id', { task: ids[i++ % ids.length] });
    const rows: Row[] = [];
    for (const inFlight of [1, 16]) {
      rows.push(await measure(client, 'tasks.get_all (10 rows)', getAll, inFlight));
      rows.push(await measure(client, 'tasks.get_by_id', getById, inFlight));
    }
    const markdown = table(rows, sandbox);
    writeSection('client', markdown);
    process.stdout.write(`${markdown}\n`);
  } finally {
    await client.close();
    await sandbox.close();
  }
}

void main();
