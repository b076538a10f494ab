import { LineCounter, Node, isMap, isSeq } from 'yaml';

/** A policy file that cannot be used; the message names the file, the line and the key. */
export class PolicyError extends Error {}

/** What a value parser returns for a value it refuses: the reason, without the place (the reader adds it). */
export class Invalid {
  constructor(readonly message: string) {}
}

/**
 * Typed reads from the parsed YAML that fail with `file:line: path message`, so an operator with a bad policy
 * is told exactly where to look.
 */
export class PolicyReader {
  constructor(
    private readonly source: string,
    private readonly lines: LineCounter,
  ) {}

  at(node: Node | null | undefined): string {
    return node?.range ? `${this.source}:${this.lines.linePos(node.range[0]).line}` : this.source;
  }

  fail(node: Node | null | undefined, message: string): never {
    throw new PolicyError(`${this.at(node)}: ${message}`);
  }

  child(node: Node, key: string): Node | undefined {
    return isMap(node) ? node.get(key, true) : undefined;
  }

  map(parent: Node, key: string, path: string, optional = false): Node | undefined {
    const node = this.child(parent, key);
    if (node === undefined && optional) return undefined;
    if (!isMap(node)) this.fail(node ?? parent, `${path} ${node === undefined ? 'is missing' : 'must be a mapping'}`);
    return node;
  }

  number(parent: Node, key: string, path: string, min: number, max: number, fallback?: number): number {
    const node = this.child(parent, key);
    if (node === undefined && fallback !== undefined) return fallback;
    const value = (node as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'number' || !(value >= min && value <= max))
      this.fail(node ?? parent, `${path}.${key} must be a number from ${min} to ${max}`);
    return value;
  }

  optionalNumber(parent: Node, key: string, path: string, min: number, max: number): number | null {
    const node = this.child(parent, key);
    if (node === undefined || (node as { value?: unknown }).value === null) return null;
    return this.number(parent, key, path, min, max);
  }

  boolean(parent: Node, key: string, path: string, fallback: boolean): boolean {
    const node = this.child(parent, key);
    if (node === undefined) return fallback;
    const value = (node as { value?: unknown }).value;
    if (typeof value !== 'boolean') this.fail(node, `${path}.${key} must be true or false`);
    return value;
  }

  /** One scalar checked by `parse`, which returns the parsed value or Invalid. */
  scalar<T>(parent: Node, key: string, path: string, parse: (value: unknown) => T | Invalid): T {
    const node = this.child(parent, key);
    const parsed = parse((node as { value?: unknown } | undefined)?.value);
    if (parsed instanceof Invalid) this.fail(node ?? parent, `${path}.${key}: ${parsed.message}`);
    return parsed;
  }

  /** A list of scalars, each checked by `parse`, which returns the parsed value or Invalid. */
  list<T>(
    parent: Node,
    key: string,
    path: string,
    parse: (value: unknown) => T | Invalid,
    fallback?: T[],
    allowEmpty = false,
  ): T[] {
    const node = this.child(parent, key);
    if (node === undefined && fallback !== undefined) return fallback;
    if (!isSeq(node) || (!allowEmpty && !node.items.length))
      this.fail(node ?? parent, `${path}.${key} must be a ${allowEmpty ? '' : 'non-empty '}list`);
    return node.items.map((item, i) => {
      const parsed = parse((item as { value?: unknown }).value);
      if (parsed instanceof Invalid) this.fail(item as Node, `${path}.${key}[${i}]: ${parsed.message}`);
      return parsed;
    });
  }

  /** The keys of a mapping with their value nodes. */
  entries(node: Node): Array<[string, Node]> {
    if (!isMap(node)) return [];
    return node.items.map((pair) => [String((pair.key as { value?: unknown }).value), pair.value as Node]);
  }
}
