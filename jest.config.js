/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The project templates (templates/) import the package by name; tests load them from source.
  moduleNameMapper: { '^cdk-style$': '<rootDir>/lib/index.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  // dist/ built from this run's sources before any test (the child-process tests run the compiled CLI).
  // `npm test` passes --globalSetup test/setup/typecheck-and-build.ts: the same build, with the type check alongside.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  // With no timings of its own yet (a clean clone), jest starts the suites measured slowest first.
  testSequencer: '<rootDir>/test/setup/sequencer.js',
  // Most suites wait on child processes and loopback servers, not on the CPU: three workers on two
  // cores (jest's default is one). Measured in a row on 2 cores: 2, 3 and 4 workers 104, 98, 94 s (noise).
  maxWorkers: 3,
};
