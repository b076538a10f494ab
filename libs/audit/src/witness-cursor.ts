import { WitnessLine } from './witness-line';

/**
 * Walks witness lines in step with the chain, page by page, holding one line ahead: memory stays flat however
 * long the witness is. Lines that are not witness lines, or that go back in seq, are counted and passed over.
 */
export class WitnessCursor {
  private ahead: WitnessLine | null | undefined;
  private lastSeq = 0;
  ignored = 0;
  read = 0;

  constructor(private readonly lines: AsyncIterator<WitnessLine | null>) {}

  /** The next lines with seq ≤ `upTo`, in order. */
  async upTo(upTo: number): Promise<WitnessLine[]> {
    const taken: WitnessLine[] = [];
    for (;;) {
      const line = await this.peek();
      if (!line || line.seq > upTo) return taken;
      this.ahead = undefined;
      taken.push(line);
    }
  }

  /** The next line, or null at the end. */
  async next(): Promise<WitnessLine | null> {
    const line = await this.peek();
    this.ahead = undefined;
    return line;
  }

  private async peek(): Promise<WitnessLine | null> {
    while (this.ahead === undefined) {
      const next = await this.lines.next();
      if (next.done) return (this.ahead = null);
      this.read++;
      if (!next.value || next.value.seq < this.lastSeq) this.ignored++;
      else {
        this.ahead = next.value;
        this.lastSeq = next.value.seq;
      }
    }
    return this.ahead;
  }
}
