import { createHash } from 'node:crypto';
import { LineCounter, Node, isMap, parseDocument } from 'yaml';

export const POLICY_CATEGORIES = ['gambling', 'porn', 'tipping'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export interface CategoryRules {
  /** Confidence at which a flag opens. */
  flagThreshold: number;
  /** A signal counts as evidence for the category from this score. */
  evidenceThreshold: number;
  /** Signals older than this no longer add up to a flag. */
  windowSeconds: number;
}

export interface Policy {
  /** SHA-256 of the policy file's bytes (first 16 hex digits): stored with every decision made under it. */
  version: string;
  categories: Record<PolicyCategory, CategoryRules>;
}

/** A policy file that cannot be used; the message names the file, the line and the key. */
export class PolicyError extends Error {}

/**
 * Parses and validates `config/policy.yaml`. Only the sections read here are checked; other sections belong to
 * other readers (sanction ladders, review rules) and are validated by them.
 */
export function parsePolicy(content: string, source = 'policy.yaml'): Policy {
  const lines = new LineCounter();
  const document = parseDocument(content, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined) => (node?.range ? `${source}:${lines.linePos(node.range[0]).line}` : source);
  if (document.errors.length) {
    const error = document.errors[0];
    throw new PolicyError(`${source}:${lines.linePos(error.pos[0]).line}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const categoriesNode = document.get('categories', true) as Node | undefined;
  if (!isMap(categoriesNode)) throw new PolicyError(`${at(document.contents as Node)}: expected a mapping "categories"`);
  const categories = {} as Record<PolicyCategory, CategoryRules>;
  for (const category of POLICY_CATEGORIES) {
    const node = categoriesNode.get(category, true) as Node | undefined;
    if (!isMap(node)) throw new PolicyError(`${at(categoriesNode)}: categories.${category} is missing`);
    const number = (key: string, min: number, max: number, fallback?: number): number => {
      const valueNode = node.get(key, true) as Node | undefined;
      const value = (valueNode as { value?: unknown } | undefined)?.value ?? fallback;
      if (typeof value !== 'number' || !(value >= min && value <= max)) {
        throw new PolicyError(`${at(valueNode ?? node)}: categories.${category}.${key} must be a number from ${min} to ${max}`);
      }
      return value;
    };
    categories[category] = {
      flagThreshold: number('flag_threshold', 0, 1),
      evidenceThreshold: number('evidence_threshold', 0, 1),
      windowSeconds: number('window_seconds', 1, 30 * 24 * 3600),
    };
  }
  return { version: createHash('sha256').update(content).digest('hex').slice(0, 16), categories };
}

