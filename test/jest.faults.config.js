// `npm run test:faults`: the fault suite, on a PostgreSQL and a Redis it starts itself (see test/faults), with
// the API and the workers as processes from the build.
const base = require('./jest.base');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  testTimeout: 300_000,
};
