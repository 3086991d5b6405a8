/**
 * Child process for persistence tests: starts a sandbox persisted to argv[2] and prints its
 * address and credentials as one JSON line, then runs until killed.
 */
import { startSandbox } from '../../lib/sandbox/start';

void startSandbox({ dataFile: process.argv[2], accessKey: 'CHILDKEY', secretKey: 'child-secret' }).then((s) => {
  process.stdout.write(`${JSON.stringify({ url: s.url })}\n`);
});
