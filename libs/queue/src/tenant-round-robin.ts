/**
 * Waiting jobs in one lane per tenant, taken in turn: a platform with a thousand jobs waiting and one with a single
 * job each get every other slot, so a backlog delays others by at most one job per busy tenant, not by its length.
 * Jobs of no tenant (the reconciler's) share one lane of their own.
 */
export class TenantRoundRobin<T> {
  private readonly lanes = new Map<string, T[]>();
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(tenant: string | undefined, item: T): void {
    const key = tenant ?? '';
    const lane = this.lanes.get(key);
    if (lane) lane.push(item);
    else this.lanes.set(key, [item]);
    this.size++;
  }

  /** The next item: the first of the lane whose turn it is; that lane goes to the back of the turn. */
  shift(): T | undefined {
    for (const [key, lane] of this.lanes) {
      this.lanes.delete(key);
      const item = lane.shift();
      if (lane.length) this.lanes.set(key, lane);
      if (item !== undefined) {
        this.size--;
        return item;
      }
    }
    return undefined;
  }
}
