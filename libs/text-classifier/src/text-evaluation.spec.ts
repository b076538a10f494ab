import { TextEvaluation } from './text-evaluation';

describe('TextEvaluation', () => {
  it('computes precision, recall, F1 and the false-positive rates on unlabelled lines', () => {
    const evaluation = new TextEvaluation();
    evaluation.add(['gambling'], ['gambling']); // TP
    evaluation.add(['gambling'], []); // FN
    evaluation.add(['porn'], ['gambling', 'porn']); // FP gambling, TP porn
    evaluation.add([], ['gambling']); // FP on an unlabelled line
    evaluation.add([], []);
    evaluation.add([], ['porn', 'tipping']);
    evaluation.add([], []);
    const gambling = evaluation.metrics('gambling');
    expect(gambling.precision).toBeCloseTo(1 / 3);
    expect(gambling.recall).toBeCloseTo(1 / 2);
    expect(gambling.f1).toBeCloseTo(0.4);
    expect(gambling.falsePositiveRate).toBeCloseTo(1 / 4);
    expect(gambling.support).toBe(2);
    expect(evaluation.metrics('porn')).toMatchObject({ precision: 0.5, recall: 1, falsePositiveRate: 0.25 });
    expect(evaluation.anyFalsePositiveRate()).toBeCloseTo(2 / 4);
  });
});
