import { ctcGreedyDecode, paddleClasses } from './paddle-ctc-decoder';
import { joinRows, similarWidths, wordLike } from './paddle-ocr';
import { findTextBoxes } from './paddle-text-boxes';

describe('findTextBoxes (DB post-processing)', () => {
  const width = 100;
  const height = 40;
  function map(regions: Array<{ x: number; y: number; w: number; h: number; p: number }>): Float32Array {
    const probability = new Float32Array(width * height);
    for (const { x, y, w, h, p } of regions)
      for (let row = y; row < y + h; row++) probability.fill(p, row * width + x, row * width + x + w);
    return probability;
  }

  it('finds each region and grows it by the unclip distance area·1.5/perimeter', () => {
    const boxes = findTextBoxes(map([{ x: 10, y: 10, w: 40, h: 10, p: 0.9 }]), width, height);
    // d = 40·10·1.5 / (2·50) = 6
    expect(boxes).toEqual([{ x: 4, y: 4, width: 52, height: 22, score: expect.closeTo(0.9, 5) as number }]);
  });

  it('keeps regions apart, and drops faint, thin and below-threshold ones', () => {
    const boxes = findTextBoxes(
      map([
        { x: 5, y: 5, w: 20, h: 8, p: 0.95 },
        { x: 60, y: 5, w: 30, h: 8, p: 0.5 }, // text pixels, but a mean under box threshold 0.6
        { x: 5, y: 30, w: 50, h: 2, p: 0.99 }, // two pixels high
        { x: 60, y: 30, w: 30, h: 8, p: 0.2 }, // under the pixel threshold 0.3
      ]),
      width,
      height,
    );
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ x: expect.any(Number) as number, score: expect.closeTo(0.95, 5) as number });
    expect(boxes[0].x).toBeLessThan(5);
  });
});

describe('ctcGreedyDecode', () => {
  const classes = paddleClasses('澳\n门\n8\n');
  it('reads the dictionary with blank first and a space last', () => {
    expect(classes).toEqual(['', '澳', '门', '8', ' ']);
  });

  it('merges repeats, drops blanks, keeps a repeat split by a blank, and averages the kept probabilities', () => {
    // steps: 澳 澳 blank 门 8 blank 8
    const best = [1, 1, 0, 2, 3, 0, 3];
    const probabilities = new Float32Array(best.length * classes.length);
    best.forEach((c, t) => {
      probabilities.fill(0.05, t * classes.length, (t + 1) * classes.length);
      probabilities[t * classes.length + c] = t === 3 ? 0.6 : 0.8;
    });
    const decoded = ctcGreedyDecode(probabilities, 0, best.length, classes);
    expect(decoded.text).toBe('澳门88');
    expect(decoded.confidence).toBeCloseTo((0.8 + 0.6 + 0.8 + 0.8) / 4, 5);
  });
});

describe('joinRows and wordLike', () => {
  it('joins boxes of one row left to right and keeps rows top to bottom', () => {
    const lines = joinRows([
      { text: '上线送888', confidence: 90, box: { x: 300, y: 12, width: 100, height: 30 } },
      { text: '加微信', confidence: 80, box: { x: 20, y: 400, width: 90, height: 28 } },
      { text: '澳门百家乐', confidence: 100, box: { x: 20, y: 10, width: 150, height: 32 } },
    ]);
    expect(lines.map((line) => line.text)).toEqual(['澳门百家乐 上线送888', '加微信']);
    expect(lines[0].box).toEqual({ x: 20, y: 10, width: 380, height: 32 });
    expect(lines[0].confidence).toBe(Math.round((100 * 5 + 90 * 6) / 11));
  });

  it('tells text from shapes the recogniser names', () => {
    expect(wordLike('■ ■')).toBe(false);
    expect(wordLike('■ 1')).toBe(false);
    expect(wordLike('加微信 bjl8888')).toBe(true);
  });
});

describe('similarWidths (recogniser batches)', () => {
  const widths = (batches: Array<Array<{ width: number }>>) => batches.map((batch) => batch.map((e) => e.width));

  it('keeps short boxes out of a long caption’s batch, whose padding they would pay', () => {
    const sorted = [39, 62, 83, 274, 464, 520].map((width) => ({ width }));
    expect(widths(similarWidths(sorted))).toEqual([[39], [62], [83], [274], [464, 520]]);
  });

  it('batches lines of like width, at most 8 a batch', () => {
    const sorted = Array.from({ length: 10 }, (_, i) => ({ width: 400 + i }));
    expect(widths(similarWidths(sorted)).map((batch) => batch.length)).toEqual([8, 2]);
  });
});
