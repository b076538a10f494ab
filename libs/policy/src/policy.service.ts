import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Policy, PolicyCategory, parsePolicy } from './policy';

/** The policy in force, read and validated once at boot: a bad file stops the process, naming the line. */
export class PolicyService {
  constructor(readonly policy: Policy) {}

  /**
   * Reads and validates the file; throws PolicyError (file:line: what is wrong) before anything else starts.
   * `announce: false` for commands whose stdout is their output.
   */
  static load(path: string, announce = true): PolicyService {
    const service = new PolicyService(parsePolicy(readFileSync(path, 'utf8'), path));
    if (announce) new Logger('Policy').log({ message: 'policy loaded', path, version: service.version });
    return service;
  }

  get version(): string {
    return this.policy.version;
  }

  rule(category: PolicyCategory) {
    return this.policy.categories[category];
  }
}
