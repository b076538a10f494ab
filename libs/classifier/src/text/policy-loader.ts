import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEXT_CATEGORIES, TextCategory } from './text-scorer';

export interface CategoryPolicy {
  flagThreshold: number;
}

/** The parts of `config/policy.yaml` read so far; other sections belong to other readers and are ignored here. */
export interface Policy {
  categories: Record<string, CategoryPolicy>;
}

export const DEFAULT_POLICY_PATH = join(process.cwd(), 'config', 'policy.yaml');

export class PolicyError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates what this loader reads: `categories.<name>.flag_threshold`, a number in [0, 1]. */
export function parsePolicy(content: string, source = 'policy'): Policy {
  let document: unknown;
  try {
    document = parse(content);
  } catch (error) {
    throw new PolicyError(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  if (!isObject(document) || !isObject(document.categories)) throw new PolicyError(`${source}: expected a mapping "categories"`);
  const categories: Record<string, CategoryPolicy> = {};
  for (const [name, entry] of Object.entries(document.categories)) {
    const threshold = isObject(entry) ? entry.flag_threshold : undefined;
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
      throw new PolicyError(`${source}: categories.${name}.flag_threshold must be a number in [0, 1]`);
    }
    categories[name] = { flagThreshold: threshold };
  }
  return { categories };
}

export function loadPolicy(path = DEFAULT_POLICY_PATH): Policy {
  return parsePolicy(readFileSync(path, 'utf8'), path);
}

/** The flag thresholds of the text categories; each must be in the policy. */
export function textThresholds(policy: Policy): Record<TextCategory, number> {
  const missing = TEXT_CATEGORIES.filter((category) => !policy.categories[category]);
  if (missing.length) throw new PolicyError(`policy: categories ${missing.join(', ')} have no flag_threshold`);
  return { gambling: policy.categories.gambling.flagThreshold, porn: policy.categories.porn.flagThreshold, tipping: policy.categories.tipping.flagThreshold };
}
