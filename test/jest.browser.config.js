// `npm run test:browser`: the console at /console driven by Debian's Chromium through playwright-core
// (no browser is downloaded: CHROMIUM_PATH, default /usr/bin/chromium).
const base = require('./jest.base');

module.exports = { ...base, testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 180_000 };
