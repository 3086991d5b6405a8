/**
 * The order jest starts the test files in. Jest runs the files that took longest last time first,
 * from the timings it keeps in its cache; with no timings (a clean clone, as on CI) it orders by
 * file size, which started the package test (a small file, the longest suite) after a third of
 * the run and left the other workers idle at the end. With no timings, the suites measured
 * slowest (README, "The test suite") start first, longest first; the rest keep jest's order.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** The slowest suites on 2 cores, slowest first (measured; keep in step with the README). */
const SLOWEST = [
  'test/package.test.ts',
  'test/cli/redaction.test.ts',
  'test/cli/synth.test.ts',
  'test/deploy/chaos.test.ts',
  'test/deploy/concurrency.test.ts',
  'test/cli/sandbox-signals.test.ts',
  'test/cli/deploy.test.ts',
  'test/run/semantics.test.ts',
  'test/setup/fresh-dist.test.ts',
  'test/run/crash.test.ts',
  'test/cli/approval.test.ts',
];

class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) {
      return sorted;
    }
    const rank = (test) => {
      const index = SLOWEST.indexOf(path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/'));
      return index === -1 ? SLOWEST.length : index;
    };
    return sorted.map((test, i) => ({ test, i })).sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i).map((e) => e.test);
  }
}

module.exports = SlowestFirstSequencer;
