import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { NsfwScores, decodeJpegRgb, nsfwjsVersion, toNsfwScores } from './nsfw-model';
import type { NsfwClassifier } from './nsfw-model';
import { RgbImage, writeModelInput } from './onnx-nsfw-input';
import { OnnxSessionOptions, createOnnxSession, loadOnnxRuntime } from './onnx-runtime';

/** The graph scripts/export-nsfw-onnx.ts makes from the nsfwjs package's weights (see models/nsfw/README.md). */
export const DEFAULT_NSFW_ONNX_PATH = join(process.cwd(), 'models', 'nsfw', 'mobilenet_v2.onnx');

const IMAGE_SIZE = 224;

export interface OnnxNsfwModelOptions extends OnnxSessionOptions {
  modelPath?: string;
}

/**
 * NSFWJS's MobileNetV2 on onnxruntime-node: the same weights and preprocessing as NsfwModel on TF.js, the same
 * class probabilities (to ~1e-6), several times faster per frame. Its version names the ONNX file by its hash.
 */
export class OnnxNsfwModel implements NsfwClassifier {
  readonly name = 'nsfwjs-mobilenet-v2';
  readonly runtime = 'onnxruntime-node';
  private session?: InferenceSession;
  private loadedVersion?: string;

  constructor(private readonly options: OnnxNsfwModelOptions = {}) {}

  /** `nsfwjs@<package version>+onnx.<first 12 hex of the file's SHA-256>`; known once loaded. */
  get version(): string {
    if (!this.loadedVersion) throw new Error('OnnxNsfwModel.load() must be called first');
    return this.loadedVersion;
  }

  /** `cpu` with the onnxruntime-node version, for /health and the start-up log. */
  get backend(): string {
    return `cpu (onnxruntime-node ${loadOnnxRuntime().version})`;
  }

  async load(): Promise<void> {
    if (this.session) return;
    const path = this.options.modelPath ?? DEFAULT_NSFW_ONNX_PATH;
    const bytes = await readFile(path);
    const hash = createHash('sha256').update(bytes).digest('hex');
    this.session = await createOnnxSession(path, this.options);
    this.loadedVersion = `nsfwjs@${nsfwjsVersion()}+onnx.${hash.slice(0, 12)}`;
  }

  decode(jpegBytes: Buffer): { data: Uint8Array; width: number; height: number } {
    return decodeJpegRgb(jpegBytes);
  }

  /** Scores a batch of RGB images in one model call; one score set per image, in order. */
  async classify(images: RgbImage[]): Promise<NsfwScores[]> {
    const values = await this.predict(images);
    return toNsfwScores(values, images.length);
  }

  /** The model's raw class probabilities, five per image in NSFW_LABELS order. */
  async predict(images: RgbImage[]): Promise<Float32Array> {
    if (!this.session) throw new Error('OnnxNsfwModel.load() must be called first');
    if (!images.length) return new Float32Array(0);
    const { ort } = loadOnnxRuntime();
    const frameSize = IMAGE_SIZE * IMAGE_SIZE * 3;
    const input = new Float32Array(images.length * frameSize);
    images.forEach((image, i) => writeModelInput(image, IMAGE_SIZE, input, i * frameSize));
    const feeds = { input: new ort.Tensor('float32', input, [images.length, IMAGE_SIZE, IMAGE_SIZE, 3]) };
    const { probabilities } = await this.session.run(feeds);
    return probabilities.data as Float32Array;
  }

  async close(): Promise<void> {
    await this.session?.release();
    this.session = undefined;
  }
}
