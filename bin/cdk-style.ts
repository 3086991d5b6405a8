#!/usr/bin/env node
/**
 * The `cdk-style` executable: hands the arguments to the CLI and exits with its code.
 */
import { main } from '../lib/cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
