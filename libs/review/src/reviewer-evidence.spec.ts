import type { FlagEvidence } from '@qinglang/flagging';
import { reviewerEvidenceView } from './reviewer-evidence';

const evidence = (sourceKind: string, detail: object): FlagEvidence =>
  ({
    id: 'e1',
    flagId: 'fl1',
    signalId: 's1',
    sourceKind,
    sourceId: 'src1',
    score: 0.9,
    streamTimeMs: 1000,
    detail,
    model: 'm',
    modelVersion: '1',
    createdAt: new Date(0),
    actorRole: 'streamer',
    actorAccountId: 'a1',
  }) as FlagEvidence;

describe('reviewerEvidenceView', () => {
  it.each([
    ['frame', { imageUrl: '/v1/frames/src1/image', positionMs: 0 }, '/v1/review/frames/src1/image'],
    ['frame_text', { imageUrl: '/v1/frames/src1/image', text: '百家乐' }, '/v1/review/frames/src1/image'],
    ['frame', { positionMs: 0 }, '/v1/review/frames/src1/image'],
  ])('%s evidence %j: the image at %s, beside it and in its detail', (kind, detail, url) => {
    const view = reviewerEvidenceView(evidence(kind, detail));
    expect(view).toMatchObject({ imageUrl: url, imageDeletedAt: null, detail: { ...detail, imageUrl: url } });
  });

  it('says when retention deleted the image', () => {
    const view = reviewerEvidenceView(evidence('frame', {}), new Date('2029-03-01T00:00:00Z'));
    expect(view).toMatchObject({ imageDeletedAt: '2029-03-01T00:00:00.000Z' });
  });

  it.each([
    ['text_line', { text: '加微信' }],
    ['tip_event', { rules: [] }],
    ['post_text', { text: 'x' }],
  ])('%s evidence has no image: detail untouched', (kind, detail) => {
    const view = reviewerEvidenceView(evidence(kind, detail));
    expect(view).not.toHaveProperty('imageUrl');
    expect(view.detail).toEqual(detail);
  });
});
