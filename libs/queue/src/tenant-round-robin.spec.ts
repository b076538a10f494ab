import { TenantRoundRobin } from './tenant-round-robin';

describe('TenantRoundRobin', () => {
  const drain = (queue: TenantRoundRobin<string>) => {
    const out: string[] = [];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(item);
    return out;
  };

  it.each<[string, Array<[string | undefined, string]>, string[]]>([
    [
      'one tenant: first in, first out',
      [
        ['a', 'a1'],
        ['a', 'a2'],
        ['a', 'a3'],
      ],
      ['a1', 'a2', 'a3'],
    ],
    [
      'a backlog does not hold a newcomer back',
      [
        ['a', 'a1'],
        ['a', 'a2'],
        ['a', 'a3'],
        ['a', 'a4'],
        ['b', 'b1'],
      ],
      ['a1', 'b1', 'a2', 'a3', 'a4'],
    ],
    [
      'three tenants take turns',
      [
        ['a', 'a1'],
        ['a', 'a2'],
        ['b', 'b1'],
        ['b', 'b2'],
        ['c', 'c1'],
      ],
      ['a1', 'b1', 'c1', 'a2', 'b2'],
    ],
    [
      'no tenant is a lane of its own',
      [
        ['a', 'a1'],
        ['a', 'a2'],
        [undefined, 'r1'],
      ],
      ['a1', 'r1', 'a2'],
    ],
  ])('%s', (_, pushes, expected) => {
    const queue = new TenantRoundRobin<string>();
    for (const [tenant, item] of pushes) queue.push(tenant, item);
    expect(queue.length).toBe(pushes.length);
    expect(drain(queue)).toEqual(expected);
    expect(queue.length).toBe(0);
  });

  it('a lane emptied and refilled joins the back of the turn', () => {
    const queue = new TenantRoundRobin<string>();
    queue.push('a', 'a1');
    queue.push('b', 'b1');
    queue.push('b', 'b2');
    expect(queue.shift()).toBe('a1');
    queue.push('a', 'a2');
    expect(drain(queue)).toEqual(['b1', 'a2', 'b2']);
  });
});
