import { TestEnvironment } from 'jest-environment-node';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';

/**
 * Jest's node environment, except that Float32Array is the process's own. onnxruntime-node's addon builds its output
 * arrays in the main realm and checks them with `instanceof` in the test's realm, which fails in a plain Jest
 * sandbox ("A float32 tensor's data must be type of function Float32Array()"). Select it with a
 * test/jest.base.js, for every suite.
 */
export default class OnnxTestEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global.Float32Array = Float32Array;
  }
}
