/**
 * A `--local` controller in its own process, for the crash tests: executes the run given as the
 * first argument against the sandbox named by SANDBOX_URL / SANDBOX_ACCESS_KEY / SANDBOX_SECRET_KEY.
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { executeRun } from '../../lib/run/engine';

async function main(): Promise<void> {
  const client = new ClearmlClient({
    apiHost: process.env.SANDBOX_URL as string, accessKey: process.env.SANDBOX_ACCESS_KEY as string, secretKey: process.env.SANDBOX_SECRET_KEY as string,
  });
  await executeRun(client, process.argv[2], { poll: { minMs: 5, maxMs: 20 } });
  await client.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
