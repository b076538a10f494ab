import { Injectable } from '@nestjs/common';
import { FlagsService } from '@qinglang/flagging';
import { StreamsService } from '@qinglang/ingest';
import { PolicyService, samplingTier } from '@qinglang/policy';
import type { SamplingTierName } from '@qinglang/policy';
import { SanctionRecords } from '@qinglang/sanctions';

/** How often to sample a pulled stream now: its risk (open flag, the streamer's strikes, audience) by policy. */
@Injectable()
export class SamplingPlanner {
  constructor(
    private readonly policy: PolicyService,
    private readonly streams: StreamsService,
    private readonly flags: FlagsService,
    private readonly sanctions: SanctionRecords,
  ) {}

  async tierOf(streamId: string): Promise<{ tier: SamplingTierName; intervalMs: number }> {
    const stream = await this.streams.findById(streamId);
    const [hasOpenFlag, strikesInWindow] = await Promise.all([
      this.flags.hasOpen('stream', streamId),
      stream ? this.sanctions.strikesInWindow(stream.accountId) : Promise.resolve(0),
    ]);
    const { tier, intervalSeconds } = samplingTier(
      { hasOpenFlag, strikesInWindow, viewers: stream?.viewerCount ?? 0 },
      this.policy.policy.sampling,
    );
    return { tier, intervalMs: Math.round(intervalSeconds * 1000) };
  }
}
