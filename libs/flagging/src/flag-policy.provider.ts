import { PolicyService } from '@qinglang/policy';
import { FLAG_POLICY, FlagPolicy } from './flag-policy';

/** Flagging reads its thresholds and windows from the policy in force. */
export const flagPolicyProvider = {
  provide: FLAG_POLICY,
  inject: [PolicyService],
  useFactory: (policy: PolicyService): FlagPolicy => ({
    version: policy.version,
    rule: (category) => policy.rule(category),
    clusters: policy.policy.clusters,
  }),
};
