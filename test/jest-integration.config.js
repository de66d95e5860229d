/**
 * `npm run test:integration`: the same end-to-end specs as `npm test`, against the distributed
 * topology (every app its own process, real NATS with JetStream, real PostgreSQL).
 */
const base = require('../jest.config.js');

const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'integration',
  testTimeout: 120000,
  setupFiles: [...e2e.setupFiles, '<rootDir>/test/support/distributed-env.js'],
};
