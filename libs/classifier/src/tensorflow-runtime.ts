import { Logger } from '@nestjs/common';
import type * as TensorflowJs from '@tensorflow/tfjs';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface TensorflowRuntime {
  tf: typeof TensorflowJs;
  backend: TfBackendName;
}

const logger = new Logger('Tensorflow');
let loading: Promise<TensorflowRuntime> | undefined;

async function tryBackend(tf: typeof TensorflowJs, name: TfBackendName): Promise<boolean> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native backend, loaded only when asked for
    if (name === 'tensorflow') require('@tensorflow/tfjs-node');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen: it registers a backend as a side effect
    if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch (error) {
    // tfjs-node is optional: not installed is the normal case on a machine that cannot download libtensorflow.
    const notInstalled = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    logger[notInstalled ? 'log' : 'warn']({
      message: `TensorFlow backend ${name} is not available`,
      error: String(error).slice(0, 300),
    });
    return false;
  }
}

/**
 * Loads TensorFlow.js once per process on the fastest backend that works here: tfjs-node (native, optional
 * because its install downloads libtensorflow), then WebAssembly (single-threaded in Node: one per process),
 * then plain JavaScript. `preferred` pins one, failing rather than silently falling back.
 */
export function loadTensorflow(preferred?: TfBackendName): Promise<TensorflowRuntime> {
  loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- TF.js is loaded on first use, so processes that classify nothing never pay for it
    const tf = require('@tensorflow/tfjs') as typeof TensorflowJs;
    const order: TfBackendName[] = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
    for (const name of order) {
      if (await tryBackend(tf, name)) {
        tf.enableProdMode();
        logger.log({ message: 'TensorFlow.js backend selected', backend: name });
        return { tf, backend: name };
      }
    }
    throw new Error(`TensorFlow.js backend ${order.join(', ')} could not be loaded`);
  })();
  return loading;
}
