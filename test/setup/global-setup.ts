/**
 * Jest's global setup, run once before any test file: dist/ becomes the build of this run's
 * sources (see fresh-dist.ts), for the tests that start the compiled CLI as a child process.
 */
import { ensureFreshDist } from './fresh-dist';

export default async function globalSetup(): Promise<void> {
  await ensureFreshDist();
}
