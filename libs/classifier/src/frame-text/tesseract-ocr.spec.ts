import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { encodePgm } from './ocr-preprocessor';
import { TesseractOcr, bundledChineseLangPath } from './tesseract-ocr';

/** A white page with a black bar: no text, but a valid image. */
function blankPage(): Buffer {
  const data = new Uint8Array(200 * 60).fill(255);
  data.fill(0, 200 * 28, 200 * 32);
  return encodePgm({ width: 200, height: 60, data });
}

describe('TesseractOcr', () => {
  it('ships its Chinese model inside node_modules', () => {
    expect(existsSync(join(bundledChineseLangPath(), 'chi_sim.traineddata.gz'))).toBe(true);
  });

  it('fails at once, naming the file, when the model is missing', async () => {
    const ocr = new TesseractOcr({ langPath: '/nonexistent/tessdata' });
    await expect(ocr.start()).rejects.toThrow('/nonexistent/tessdata/chi_sim.traineddata.gz');
    await ocr.close();
  });

  describe('with the bundled model', () => {
    const ocr = new TesseractOcr();
    afterAll(() => ocr.close());

    it('rejects an image it cannot read, and keeps working', async () => {
      await expect(ocr.recognize(Buffer.from('not an image'))).rejects.toThrow(/read image/);
      await expect(ocr.recognize(blankPage())).resolves.toMatchObject({ lines: expect.any(Array) });
    });

    it('starts a new worker after close', async () => {
      await ocr.close();
      await expect(ocr.recognize(blankPage())).resolves.toMatchObject({ ms: expect.any(Number) });
    });
  });
});
