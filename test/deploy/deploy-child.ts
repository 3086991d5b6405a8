/**
 * A deploy in its own process, for the crash tests: deploys the manifest file given as the
 * first argument to the sandbox named by SANDBOX_URL / SANDBOX_ACCESS_KEY / SANDBOX_SECRET_KEY,
 * holding its deploy lock with the time to live LEASE_TTL_MS.
 */
import * as fs from 'node:fs';
import { ClearmlClient } from '../../lib/clearml/client';
import { deploy } from '../../lib/deploy/deploy';
import { PipelineManifest } from '../../lib/manifest/schema';

async function main(): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as PipelineManifest;
  const client = new ClearmlClient({
    apiHost: process.env.SANDBOX_URL as string, accessKey: process.env.SANDBOX_ACCESS_KEY as string, secretKey: process.env.SANDBOX_SECRET_KEY as string,
  });
  await deploy(client, [manifest], { concurrency: 1, lease: { ttlMs: Number(process.env.LEASE_TTL_MS ?? 60_000) } });
  await client.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
