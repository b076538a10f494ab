import * as ipaddr from 'ipaddr.js';

/** Which addresses may be connected to: public ones, and private ones only where allowed. */
export interface AddressPolicy {
  /** Allow every loopback and private address. */
  allowPrivate: boolean;
  /** Networks (CIDR) allowed although private: a platform's own CDN inside its network, or a test server. */
  allowedNetworks?: readonly string[];
}

/** Why an address is refused, or null when it may be connected to. */
export function refusedRange(address: string, policy: AddressPolicy): string | null {
  if (policy.allowPrivate) return null;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'unicast') return null;
  const allowed = (policy.allowedNetworks ?? []).some((cidr) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === parsed.kind() && parsed.match(network, bits);
  });
  return allowed ? null : range;
}
