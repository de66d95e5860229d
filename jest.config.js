/** `npm test`: unit tests beside the code and the end-to-end suite against the standalone app. */
/** TypeScript transpiled per file (type checking is `npm run typecheck`'s job). */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];

const shared = {
  // PGlite's CommonJS build loads Node built-ins with import(), and content-disposition (under
  // @fastify/static) is ESM only: both become plain CommonJS so Jest needs no experimental VM flag.
  transform: {
    '^.+\\.ts$': tsJest,
    '^.+/node_modules/@electric-sql/.+\\.c?js$': '<rootDir>/test/support/dynamic-import-transformer.js',
    '^.+/node_modules/content-disposition/.+\\.js$': tsJest,
  },
  transformIgnorePatterns: ['/node_modules/(?!(@electric-sql|content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@helpdesk/contracts(|/.*)$': '<rootDir>/libs/contracts/src$1',
    '^@helpdesk/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
  setupFiles: ['reflect-metadata'],
};

const config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/test/unit/**/*.spec.ts',
        '<rootDir>/test/k8s/**/*.spec.ts',
      ],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Standalone-only behaviour (first run without configuration): not part of the shared e2e suite.
    { ...shared, displayName: 'standalone', testMatch: ['<rootDir>/test/standalone/**/*.spec.ts'] },
  ],
  testTimeout: 60000,
};

module.exports = config;
