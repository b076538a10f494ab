// Shared Jest settings: TypeScript through ts-jest (transpile only; `npm run typecheck` checks types) and the
// @qinglang/<lib> aliases of tsconfig.json.
const { resolve } = require('node:path');

module.exports = {
  rootDir: resolve(__dirname, '..'),
  // Node's environment with the process's own Float32Array, which onnxruntime-node's outputs need.
  testEnvironment: '<rootDir>/test/helpers/onnx-test-environment.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@qinglang/policy/policy$': '<rootDir>/libs/policy/src/policy',
    '^@qinglang/application/(.*)$': '<rootDir>/libs/application/src/$1',
    '^@qinglang/(.*)$': '<rootDir>/libs/$1/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/fixtures/'],
  testTimeout: 120_000,
};
