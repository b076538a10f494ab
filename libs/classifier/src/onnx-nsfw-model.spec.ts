import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@qinglang/config';
import { FrameSampler, locateFfmpeg } from '@qinglang/media';
import { ModelRegistry } from './model-registry.service';
import { NsfwModel, topLabel } from './nsfw-model';
import { OnnxNsfwModel } from './onnx-nsfw-model';
import { loadTensorflow } from './tensorflow-runtime';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/**
 * The ONNX export against the model it was exported from: both runtimes get the same decoded frames (sampled by
 * ffmpeg from the fixtures, as the pipeline samples them) and must give the same class probabilities.
 */
describe('OnnxNsfwModel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglang-onnx-nsfw-'));
  const onnxModel = new OnnxNsfwModel({ threads: 1 });
  let tensorflowModel: NsfwModel;
  let images: Array<{ data: Uint8Array; width: number; height: number }>;

  beforeAll(async () => {
    const sampler = new FrameSampler({ ffmpegPath: locateFfmpeg(process.env.FFMPEG_PATH).path, timeoutMs: 30_000 });
    const jpegs: Buffer[] = [];
    for (const fixture of ['segment-gambling-overlay.ts', 'segment-10s.ts']) {
      const out = join(dir, fixture);
      const { frames } = await sampler.sampleVideo(join(FIXTURES, fixture), 'mpegts', 3, out);
      jpegs.push(...frames.map((frame) => readFileSync(join(out, frame.fileName))));
    }
    const still = await sampler.sampleImage(join(FIXTURES, 'image.png'), 'png_pipe', join(dir, 'image'));
    jpegs.push(readFileSync(join(dir, 'image', still.fileName)));
    tensorflowModel = new NsfwModel(await loadTensorflow('wasm'));
    await Promise.all([tensorflowModel.load(), onnxModel.load()]);
    images = jpegs.map((jpeg) => onnxModel.decode(jpeg));
  });

  afterAll(async () => {
    await onnxModel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the class probabilities of NSFWJS on TF.js, frame by frame, in one batch', async () => {
    expect(images.length).toBeGreaterThanOrEqual(5);
    const [expected, actual] = [await tensorflowModel.predict(images), await onnxModel.predict(images)];
    expect(actual).toHaveLength(images.length * 5);
    const largest = Math.max(...Array.from(actual, (value, i) => Math.abs(value - expected[i])));
    // Measured here: 4e-7. BatchNorm folded into the convolutions changes only float32 rounding.
    expect(largest).toBeLessThan(1e-5);
    const [onnxScores, tensorflowScores] = [await onnxModel.classify(images), await tensorflowModel.classify(images)];
    expect(onnxScores.map(topLabel)).toEqual(tensorflowScores.map(topLabel));
  });

  it('scores images of different sizes in one batch as it scores each alone', async () => {
    const together = await onnxModel.predict(images.slice(0, 2));
    const alone = [...(await onnxModel.predict([images[0]])), ...(await onnxModel.predict([images[1]]))];
    alone.forEach((value, i) => expect(together[i]).toBeCloseTo(value, 6));
  });

  it('names the ONNX file by its hash in the version stored on signals', () => {
    expect(onnxModel.version).toMatch(/^nsfwjs@\d+\.\d+\.\d+\+onnx\.[0-9a-f]{12}$/);
    expect(onnxModel.version).not.toBe(tensorflowModel.version);
  });

  it('fails to load a missing model file', async () => {
    await expect(new OnnxNsfwModel({ modelPath: join(dir, 'none.onnx') }).load()).rejects.toThrow(/ENOENT/);
  });
});

describe('ModelRegistry', () => {
  it('runs the porn model on onnxruntime-node unless TF_BACKEND pins TensorFlow.js', async () => {
    const onnx = new ModelRegistry(loadConfig({ CLASSIFY_BATCH_SIZE: '1' }));
    await onnx.nsfw();
    expect(onnx.runtime).toMatchObject({ runtime: 'onnxruntime-node', version: expect.stringContaining('+onnx.') });
    const pinned = new ModelRegistry(loadConfig({ CLASSIFY_BATCH_SIZE: '1', TF_BACKEND: 'wasm' }));
    await pinned.nsfw();
    expect(pinned.runtime).toMatchObject({ runtime: 'tensorflow.js', backend: 'wasm' });
  });
});
