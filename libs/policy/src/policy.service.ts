import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { Policy, PolicyCategory, parsePolicy } from './policy';

/** The policy in force, read and validated once at boot: a bad file stops the process, naming the line. */
@Injectable()
export class PolicyService {
  readonly policy: Policy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = parsePolicy(readFileSync(config.policyPath, 'utf8'), config.policyPath);
    new Logger('Policy').log({ message: 'policy loaded', path: config.policyPath, version: this.policy.version });
  }

  get version(): string {
    return this.policy.version;
  }

  rule(category: PolicyCategory) {
    return this.policy.categories[category];
  }
}
