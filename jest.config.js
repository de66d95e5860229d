/** `npm test`: unit tests beside the code and the end-to-end suite against the standalone app. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  // PGlite's CommonJS build loads parts of itself with import(), and content-disposition (under
  // @fastify/static) is ESM only: swc turns both into plain CommonJS so
  // Jest needs no experimental VM flag.
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/(@electric-sql|content-disposition)/.+\\.c?js$': swc },
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
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 60000,
};

module.exports = config;

