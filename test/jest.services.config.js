// `npm run test:services`: integration suites on the real PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
const base = require('./jest.base');

module.exports = { ...base, testMatch: ['<rootDir>/test/services/**/*.services-spec.ts'] };
