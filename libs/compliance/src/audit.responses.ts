import { ApiProperty } from '@nestjs/swagger';

// The shapes of GET /v1/audit/verify (the audit module's VerificationResult) and /v1/audit/checkpoints for the
// OpenAPI document; the e2e suites check each response against them.

export class ChainProblemResponse {
  @ApiProperty({ description: 'The first entry that does not match' }) seq: number;
  @ApiProperty({
    enum: ['missing', 'content_altered', 'link_broken', 'witness_mismatch', 'witness_signature_invalid'],
  })
  problem: string;
  @ApiProperty() message: string;
}

export class VerifyCheckpointsResponse {
  @ApiProperty() checked: number;
  @ApiProperty() keyId: string;
}

export class WitnessLineResponse {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ description: 'The time the line itself states (ISO 8601 when Qinglang wrote it)' }) at: string;
  @ApiProperty() keyId: string;
}

export class WitnessWebhookResponse {
  @ApiProperty() url: string;
  @ApiProperty({ description: 'The newest checkpoint the endpoint acknowledged' }) deliveredSeq: number;
  @ApiProperty({ description: 'Failed POSTs in a row' }) failures: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ description: 'No POST before this (ms since the epoch)' }) nextAttemptAtMs: number;
}

export class WitnessResponse {
  @ApiProperty({ enum: ['AUDIT_WITNESS_PATH'], description: 'The setting naming the witness (never its path)' })
  setting: string;
  @ApiProperty() checked: number;
  @ApiProperty() ignored: number;
  @ApiProperty({ type: WitnessLineResponse, nullable: true }) newest: WitnessLineResponse | null;
  @ApiProperty({ description: 'A witness inside DATA_DIR does not survive whoever holds DATA_DIR' })
  insideDataDir: boolean;
  @ApiProperty({ type: WitnessWebhookResponse, nullable: true }) webhook: WitnessWebhookResponse | null;
}

export class AuditKeyResponse {
  @ApiProperty() keyId: string;
  @ApiProperty({ enum: ['AUDIT_KEY', 'AUDIT_KEY_PATH'] }) setting: string;
  @ApiProperty() insideDataDir: boolean;
}

export class WitnessingProblemResponse {
  @ApiProperty({ enum: ['witness_line_unsigned', 'witness_shrank', 'witness_lock_held'] }) kind: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time', description: 'When this process stopped witnessing' }) since: string;
}

export class WitnessingResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: WitnessingProblemResponse, nullable: true }) problem: WitnessingProblemResponse | null;
}

export class AppendsResponse {
  @ApiProperty({ description: 'This process refuses appends (503 audit_log_refused)' }) refused: boolean;
  @ApiProperty({ type: ChainProblemResponse, nullable: true }) problem: ChainProblemResponse | null;
}

export class AuditVerificationResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty() entries: number;
  @ApiProperty() headHash: string;
  @ApiProperty({ type: VerifyCheckpointsResponse }) checkpoints: VerifyCheckpointsResponse;
  @ApiProperty({ type: WitnessResponse }) witness: WitnessResponse;
  @ApiProperty({ type: AuditKeyResponse }) key: AuditKeyResponse;
  @ApiProperty({ type: WitnessingResponse }) witnessing: WitnessingResponse;
  @ApiProperty({ type: AppendsResponse }) appends: AppendsResponse;
  @ApiProperty({ type: ChainProblemResponse, nullable: true }) firstProblem: ChainProblemResponse | null;
  @ApiProperty() message: string;
  @ApiProperty() seconds: number;
}

export class SignedCheckpointResponse {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ description: 'Ed25519 over qinglang-audit-checkpoint:<seq>:<hash>, base64' }) signature: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditCheckpointsResponse {
  @ApiProperty({ description: 'PEM (SPKI)' }) publicKey: string;
  @ApiProperty() keyId: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [SignedCheckpointResponse] }) checkpoints: SignedCheckpointResponse[];
}
