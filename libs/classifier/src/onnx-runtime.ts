import type * as OnnxRuntime from 'onnxruntime-node';

export type Ort = typeof OnnxRuntime;

export interface OnnxSessionOptions {
  /**
   * Threads one model call may use. Default 1: measured here, a second intra-op thread halves throughput as soon as
   * anything else runs on the box (ORT's threads spin while they wait); the pipeline scales by running more
   * workers, one core each.
   */
  threads?: number;
}

let loaded: { ort: Ort; version: string } | undefined;

/**
 * onnxruntime-node, loaded on first use so processes that classify nothing never map its 20 MB library. Its CPU
 * binaries ship inside the npm package (the install script, which only fetches GPU files, is skipped).
 */
export function loadOnnxRuntime(): { ort: Ort; version: string } {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- native addon, loaded only when a model needs it
    const ort = require('onnxruntime-node') as Ort;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own version, for /health and signals
    const { version } = require('onnxruntime-node/package.json') as { version: string };
    loaded = { ort, version };
  }
  return loaded;
}

/** A CPU session with every graph optimisation (ORT folds and fuses Conv/Clip/Add itself). */
export function createOnnxSession(
  modelPath: string,
  options: OnnxSessionOptions = {},
): Promise<OnnxRuntime.InferenceSession> {
  const { ort } = loadOnnxRuntime();
  return ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: Math.max(1, options.threads ?? 1),
    interOpNumThreads: 1,
  });
}
