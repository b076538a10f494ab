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

/** Rules over tip events (China's 2022 live-stream tipping rules: minors may not tip; caps; no inducement). */
export interface TippingRules {
  windowSeconds: number;
  /** Total one tipper may give one stream within the window. */
  tipperAmountCap: number;
  /** The platform's cap on a single tip; many tips just under it look like structuring. */
  singleTipCap: number;
  structuringMinCount: number;
  /** Tips this soon after an inducement line in chat or transcript count as a burst. */
  burstSeconds: number;
  burstMinTips: number;
  /** One tipper tipping this many different streams within the window. */
  linkedStreamsMin: number;
}

export interface Policy {
  /** SHA-256 of the policy file's bytes (first 16 hex digits): stored with every decision made under it. */
  version: string;
  categories: Record<PolicyCategory, CategoryRules>;
  tipping: TippingRules;
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
  const numberIn = (node: Node, path: string) => (key: string, min: number, max: number): number => {
    const valueNode = isMap(node) ? (node.get(key, true) as Node | undefined) : undefined;
    const value = (valueNode as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'number' || !(value >= min && value <= max)) {
      throw new PolicyError(`${at(valueNode ?? node)}: ${path}.${key} must be a number from ${min} to ${max}`);
    }
    return value;
  };
  const categories = {} as Record<PolicyCategory, CategoryRules>;
  for (const category of POLICY_CATEGORIES) {
    const node = categoriesNode.get(category, true) as Node | undefined;
    if (!isMap(node)) throw new PolicyError(`${at(categoriesNode)}: categories.${category} is missing`);
    const number = numberIn(node, `categories.${category}`);
    categories[category] = {
      flagThreshold: number('flag_threshold', 0, 1),
      evidenceThreshold: number('evidence_threshold', 0, 1),
      windowSeconds: number('window_seconds', 1, 30 * 24 * 3600),
    };
  }
  const tippingNode = document.get('tipping_rules', true) as Node | undefined;
  if (!isMap(tippingNode)) throw new PolicyError(`${at(document.contents as Node)}: expected a mapping "tipping_rules"`);
  const tip = numberIn(tippingNode, 'tipping_rules');
  const tipping: TippingRules = {
    windowSeconds: tip('window_seconds', 1, 30 * 24 * 3600),
    tipperAmountCap: tip('tipper_amount_cap', 0, 1e9),
    singleTipCap: tip('single_tip_cap', 0, 1e9),
    structuringMinCount: tip('structuring_min_count', 2, 1000),
    burstSeconds: tip('burst_seconds', 1, 3600),
    burstMinTips: tip('burst_min_tips', 2, 10_000),
    linkedStreamsMin: tip('linked_streams_min', 2, 1000),
  };
  return { version: createHash('sha256').update(content).digest('hex').slice(0, 16), categories, tipping };
}

