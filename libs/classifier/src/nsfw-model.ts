import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as jpeg from 'jpeg-js';
import type { LayersModel, Tensor, Tensor3D } from '@tensorflow/tfjs';
import { TensorflowRuntime } from './tensorflow-runtime';

export const NSFW_LABELS = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const;
export type NsfwLabel = (typeof NSFW_LABELS)[number];
export type NsfwScores = Record<NsfwLabel, number>;

const IMAGE_SIZE = 224;

/** What the frame classifier needs of a porn model, whichever runtime runs it. */
export interface NsfwClassifier {
  readonly name: string;
  /** Stored on every signal: names the weights and, where it changes the numbers, the runtime's file. */
  readonly version: string;
  /** `onnxruntime-node` or `tensorflow.js`. */
  readonly runtime: string;
  /** The runtime's backend, e.g. `wasm` for TF.js or `cpu (onnxruntime-node 1.30.0)`. */
  readonly backend: string;
  load(): Promise<void>;
  decode(jpegBytes: Buffer): { data: Uint8Array; width: number; height: number };
  classify(images: Array<{ data: Uint8Array; width: number; height: number }>): Promise<NsfwScores[]>;
}

/** Decodes JPEG evidence into RGB pixels (three bytes a pixel). */
export function decodeJpegRgb(jpegBytes: Buffer): { data: Uint8Array; width: number; height: number } {
  const image = jpeg.decode(jpegBytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 256 });
  return { data: image.data, width: image.width, height: image.height };
}

export function nsfwjsVersion(): string {
  const packageJson = join(dirname(require.resolve('nsfwjs')), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * NSFWJS's MobileNetV2, with the weights that ship inside the nsfwjs package (nothing is fetched). Frames are
 * preprocessed exactly as nsfwjs does (scale to [0,1], bilinear resize with aligned corners) but scored in
 * batches, which nsfwjs's own classify() cannot do.
 */
export class NsfwModel implements NsfwClassifier {
  readonly name = 'nsfwjs-mobilenet-v2';
  readonly version = `nsfwjs@${nsfwjsVersion()}`;
  readonly runtime = 'tensorflow.js';
  private model?: LayersModel;

  constructor(private readonly tensorflow: TensorflowRuntime) {}

  get backend(): string {
    return this.tensorflow.backend;
  }

  async load(): Promise<void> {
    if (this.model) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- nsfwjs pulls TF.js in: loaded only when the model is
    const nsfwjs = require('nsfwjs') as { load(name: string): Promise<{ model: LayersModel }> };
    const originalInfo = console.info;
    console.info = () => undefined; // nsfwjs prints a browser-styled banner on every load
    try {
      this.model = (await nsfwjs.load('MobileNetV2')).model;
    } finally {
      console.info = originalInfo;
    }
  }

  /** Decodes JPEG evidence into RGB pixels. */
  decode(jpegBytes: Buffer): { data: Uint8Array; width: number; height: number } {
    return decodeJpegRgb(jpegBytes);
  }

  /** Scores a batch of RGB images; one score set per image, in order. */
  async classify(images: Array<{ data: Uint8Array; width: number; height: number }>): Promise<NsfwScores[]> {
    const values = await this.predict(images);
    return toNsfwScores(values, images.length);
  }

  /** The model's raw class probabilities, five per image in NSFW_LABELS order. */
  async predict(images: Array<{ data: Uint8Array; width: number; height: number }>): Promise<Float32Array> {
    if (!this.model) throw new Error('NsfwModel.load() must be called first');
    if (!images.length) return new Float32Array(0);
    const { tf } = this.tensorflow;
    const model = this.model;
    const output = tf.tidy(() => {
      const batch = images.map((image) => {
        const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32').toFloat().div<Tensor3D>(255);
        return tf.image.resizeBilinear(pixels, [IMAGE_SIZE, IMAGE_SIZE], true);
      });
      return model.predict(tf.stack(batch)) as Tensor;
    });
    const values = (await output.data()) as Float32Array;
    output.dispose();
    return values;
  }
}

/** Probabilities, five per image, as one score set per image (six decimals: what signals store). */
export function toNsfwScores(values: Float32Array, count: number): NsfwScores[] {
  return Array.from({ length: count }, (_, i) => {
    const scores = {} as NsfwScores;
    NSFW_LABELS.forEach((label, j) => (scores[label] = Number(values[i * NSFW_LABELS.length + j].toFixed(6))));
    return scores;
  });
}

export function topLabel(scores: NsfwScores): NsfwLabel {
  return NSFW_LABELS.reduce((best, label) => (scores[label] > scores[best] ? label : best), NSFW_LABELS[0]);
}
