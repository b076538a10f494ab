import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { AuditLog } from '@qinglang/audit';
import { StaffOnly } from '@qinglang/staff';

export class VerifyQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) checkpointSeq?: number;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) checkpointHash?: string;
}

@ApiTags('compliance')
@ApiBearerAuth()
@StaffOnly('compliance')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute the hash chain and the signed checkpoints; names the first entry that does not match',
  })
  verify(@Query() query: VerifyQuery) {
    const kept =
      query.checkpointSeq && query.checkpointHash
        ? { seq: query.checkpointSeq, hash: query.checkpointHash }
        : undefined;
    return this.audit.verify(kept);
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'The newest signed checkpoints and the public key that verifies them (Ed25519)' })
  async checkpoints() {
    const checkpoints = await this.audit.checkpoints();
    return {
      publicKey: this.audit.signer.publicKeyPem,
      keyId: this.audit.signer.keyId,
      message: 'each signature covers the text qinglang-audit-checkpoint:<seq>:<hash>',
      checkpoints: checkpoints.map((c) => ({
        seq: c.seq,
        hash: c.hash,
        signature: c.signature,
        keyId: c.keyId,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  }
}
