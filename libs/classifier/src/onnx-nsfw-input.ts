/** RGB pixels, three bytes a pixel (four when `channels` says so: RGBA, alpha ignored), rows top to bottom. */
export interface RgbImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels?: 3 | 4;
}

const f = Math.fround;

/**
 * Writes `image` into `out` at `offset` as the model's input: NHWC float32 in [0,1], `size`×`size`. It repeats
 * what NsfwModel does on TF.js, step by step in float32 (divide by 255, then tf.image.resizeBilinear with
 * alignCorners), so both runtimes see the same numbers.
 */
export function writeModelInput(image: RgbImage, size: number, out: Float32Array, offset: number): void {
  const { data, width, height } = image;
  const channels = image.channels ?? 3;
  if (data.length < width * height * channels)
    throw new Error(`image data is ${data.length} bytes, not ${width * height * channels}`);
  const scaleY = size > 1 ? f((height - 1) / (size - 1)) : f(height / size);
  const scaleX = size > 1 ? f((width - 1) / (size - 1)) : f(width / size);
  const pixel = (y: number, x: number, c: number) => f(data[(y * width + x) * channels + c] / 255);
  for (let y = 0; y < size; y++) {
    const sourceY = f(scaleY * y);
    const top = Math.floor(sourceY);
    const bottom = Math.min(height - 1, Math.ceil(sourceY));
    const lerpY = f(sourceY - top);
    for (let x = 0; x < size; x++) {
      const sourceX = f(scaleX * x);
      const left = Math.floor(sourceX);
      const right = Math.min(width - 1, Math.ceil(sourceX));
      const lerpX = f(sourceX - left);
      const at = offset + (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const topLeft = pixel(top, left, c);
        const topRight = pixel(top, right, c);
        const bottomLeft = pixel(bottom, left, c);
        const bottomRight = pixel(bottom, right, c);
        const upper = f(topLeft + f(f(topRight - topLeft) * lerpX));
        const lower = f(bottomLeft + f(f(bottomRight - bottomLeft) * lerpX));
        out[at + c] = f(upper + f(f(lower - upper) * lerpY));
      }
    }
  }
}
