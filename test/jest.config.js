// `npm test`: unit tests beside the code and e2e suites on the embedded defaults (SQLite, in-process queue).
const base = require('./jest.base');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/test/e2e/**/*.e2e-spec.ts',
    '<rootDir>/test/architecture/**/*.spec.ts',
  ],
};
