/**
 * A command waiting for a deploy lock in its own process (with a skewed wall clock when
 * CLOCK_OFFSET_MS is set): takes the lock of pipeline PIPELINE on the sandbox named by
 * SANDBOX_URL / SANDBOX_ACCESS_KEY / SANDBOX_SECRET_KEY, waiting up to LEASE_WAIT_MS, then
 * releases it. Prints one JSON line per notice, then `{"taken":…}` or `{"error":…}`.
 */
import './skewed-clock';
import { ClearmlClient } from '../../lib/clearml/client';
import { acquireLease } from '../../lib/deploy/lease';

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const client = new ClearmlClient({
    apiHost: process.env.SANDBOX_URL as string, accessKey: process.env.SANDBOX_ACCESS_KEY as string, secretKey: process.env.SANDBOX_SECRET_KEY as string,
  });
  try {
    const lease = await acquireLease(client, [process.env.PIPELINE as string], undefined, {
      ttlMs: 60_000, waitMs: Number(process.env.LEASE_WAIT_MS ?? 20_000), onNotice: (notice) => print({ notice }),
    });
    print({ taken: true, tookOver: lease.tookOver, wallClock: new Date().toISOString() });
    await lease.release();
  } catch (error) {
    print({ error: (error as { code?: string }).code ?? String(error), message: String(error) });
  } finally {
    await client.close();
  }
}

void main();
