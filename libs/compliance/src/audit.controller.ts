import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { AuditLog } from '@qinglang/audit';
import { StaffOnly } from '@qinglang/staff';
import { AuditCheckpointsResponse, AuditVerificationResponse } from './audit.responses';

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'A checkpoint kept outside Qinglang: its seq…' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  checkpointSeq?: number;
  @ApiPropertyOptional({ description: '…and its hash (64 hex): the log must still hold it' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  checkpointHash?: string;
}

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute the hash chain and the signed checkpoints; names the first entry that does not match',
  })
  @ApiOkResponse({ type: AuditVerificationResponse })
  verify(@Query() query: VerifyQuery) {
    const kept =
      query.checkpointSeq && query.checkpointHash
        ? { seq: query.checkpointSeq, hash: query.checkpointHash }
        : undefined;
    return this.audit.verify(kept);
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'The newest signed checkpoints and the public key that verifies them (Ed25519)' })
  @ApiOkResponse({ type: AuditCheckpointsResponse })
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
