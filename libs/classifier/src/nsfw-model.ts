import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as jpeg from 'jpeg-js';
import type { LayersModel, Tensor, Tensor3D } from '@tensorflow/tfjs';
import { TensorflowRuntime } from './tensorflow-runtime';

export const NSFW_LABELS = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const;
export type NsfwLabel = (typeof NSFW_LABELS)[number];
export type NsfwScores = Record<NsfwLabel, number>;

const IMAGE_SIZE = 224;

function nsfwjsVersion(): string {
  const packageJson = join(dirname(require.resolve('nsfwjs')), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * NSFWJS's MobileNetV2, with the weights that ship inside the nsfwjs package (nothing is fetched). Frames are
 * preprocessed exactly as nsfwjs does (scale to [0,1], bilinear resize with aligned corners) but scored in
 * batches, which nsfwjs's own classify() cannot do.
 */
export class NsfwModel {
  readonly name = 'nsfwjs-mobilenet-v2';
  readonly version = `nsfwjs@${nsfwjsVersion()}`;
  private model?: LayersModel;

  constructor(private readonly runtime: TensorflowRuntime) {}

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
    const image = jpeg.decode(jpegBytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 256 });
    return { data: image.data, width: image.width, height: image.height };
  }

  /** Scores a batch of RGB images; one score set per image, in order. */
  async classify(images: Array<{ data: Uint8Array; width: number; height: number }>): Promise<NsfwScores[]> {
    if (!this.model) throw new Error('NsfwModel.load() must be called first');
    if (!images.length) return [];
    const { tf } = this.runtime;
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
    return images.map((_, i) => {
      const scores = {} as NsfwScores;
      NSFW_LABELS.forEach((label, j) => (scores[label] = Number(values[i * NSFW_LABELS.length + j].toFixed(6))));
      return scores;
    });
  }
}

export function topLabel(scores: NsfwScores): NsfwLabel {
  return NSFW_LABELS.reduce((best, label) => (scores[label] > scores[best] ? label : best), NSFW_LABELS[0]);
}
