import { createHash } from 'node:crypto';
import { MediaStoreUnavailableError } from '@qinglang/storage';
import { auditedItems, deletionFailureCode } from './sweep-audit';

describe('auditedItems', () => {
  const sha = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

  it('lists every id of a small run, by kind, with their count and digest', () => {
    expect(
      auditedItems([
        { kind: 'post', id: 'p2' },
        { kind: 'segment', id: 's1' },
        { kind: 'post', id: 'p1' },
      ]),
    ).toEqual({
      count: 3,
      sha256: sha(['post:p1', 'post:p2', 'segment:s1']),
      listed: 3,
      segment: ['s1'],
      post: ['p1', 'p2'],
    });
  });

  it('caps a big run at the first ids, the digest still over all of them', () => {
    const items = Array.from({ length: 2500 }, (_, i) => ({
      kind: i % 2 ? ('post' as const) : ('segment' as const),
      id: `id-${String(i).padStart(5, '0')}`,
    }));
    const audited = auditedItems(items, 1000);
    expect(audited).toMatchObject({ count: 2500, listed: 1000 });
    expect(audited.segment.length + audited.post.length).toBe(1000);
    // Sorted by kind then id: the posts come first.
    expect(audited.post).toHaveLength(1000);
    expect(audited.segment).toEqual([]);
    expect(audited.sha256).toBe(sha(items.map((i) => `${i.kind}:${i.id}`).sort()));
    // Order of the input does not change the entry.
    expect(auditedItems([...items].reverse(), 1000)).toEqual(audited);
  });

  it('is empty but well-formed for no items', () => {
    expect(auditedItems([])).toEqual({ count: 0, sha256: sha([]), listed: 0, segment: [], post: [] });
  });
});

describe('deletionFailureCode', () => {
  const withCode = (code: unknown) => Object.assign(new Error('EACCES: permission denied, unlink /data/x'), { code });
  it.each<[string, unknown, string]>([
    ['a system error: its code', withCode('EACCES'), 'EACCES'],
    ['EPERM', withCode('EPERM'), 'EPERM'],
    [
      "a bucket's refusal: the bucket's code",
      new MediaStoreUnavailableError('refused under frames/p/x', [{ Code: 'AccessDenied', Key: 'frames/p/x/1.jpg' }]),
      'AccessDenied',
    ],
    [
      'an outage without a code: the error name',
      new MediaStoreUnavailableError('no answer from http://10.0.0.1', new Error('x')),
      'MediaStoreUnavailableError',
    ],
    ['a code that looks like a path is not used', withCode('/data/x'), 'Error'],
    ['a plain error', new Error('boom at /data/x'), 'Error'],
    ['not an error', 'boom', 'unknown'],
    ['null', null, 'unknown'],
  ])('%s', (_name, error, expected) => {
    expect(deletionFailureCode(error)).toBe(expected);
  });
});
