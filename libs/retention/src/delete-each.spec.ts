import { deleteEach } from './delete-each';

describe('deleteEach', () => {
  const eacces = () => Object.assign(new Error('EACCES: permission denied, unlink /data/x'), { code: 'EACCES' });
  // Items named by letters; those in `failing` throw EACCES, the others remove 2 files each.
  const run = async (items: string, failing: string, endAfter = 3) => {
    const removed: string[] = [];
    const outcome = await deleteEach(
      [...items],
      () => Promise.resolve(),
      (item) => {
        if (failing.includes(item)) return Promise.reject(eacces());
        removed.push(item);
        return Promise.resolve(2);
      },
      endAfter,
    );
    return {
      deleted: outcome.deleted.join(''),
      failed: outcome.failures.map((f) => `${f.item}:${f.code}`).join(' '),
      files: outcome.files,
      untried: outcome.untried.join(''),
      removed: removed.join(''),
    };
  };

  it.each<[string, string, string, object]>([
    ['every item deleted', 'abcd', '', { deleted: 'abcd', failed: '', files: 8, untried: '' }],
    ['one failure is its alone: the items after it go', 'abcd', 'b', { deleted: 'acd', failed: 'b:EACCES', files: 6 }],
    ['failures apart never end the run', 'abcdefg', 'bdf', { deleted: 'aceg', failed: 'b:EACCES d:EACCES f:EACCES' }],
    [
      'three in a row end it, the rest untried',
      'abcdefg',
      'bcd',
      { deleted: 'a', failed: 'b:EACCES c:EACCES d:EACCES', untried: 'efg', removed: 'a' },
    ],
    ['a success between resets the count', 'abcdef', 'bcef', { deleted: 'ad', untried: '' }],
    ['nothing to do', '', '', { deleted: '', failed: '', files: 0, untried: '' }],
  ])('%s', async (_name, items, failing, expected) => {
    expect(await run(items, failing)).toMatchObject(expected);
  });

  it('stops before the next item when the check throws (the lease was lost): nothing more is removed', async () => {
    const removed: string[] = [];
    let checks = 0;
    const lost = deleteEach(
      ['a', 'b', 'c'],
      () => (++checks === 2 ? Promise.reject(new Error('lease lost')) : Promise.resolve()),
      (item) => {
        removed.push(item);
        return Promise.resolve(1);
      },
    );
    await expect(lost).rejects.toThrow('lease lost');
    expect(removed).toEqual(['a']);
  });
});
