import type { FlagEvidence } from './flag-evidence.entity';
import type { Flag } from './flag.entity';

/** One piece of a flag's evidence as the API shows it, to platforms and reviewers alike. */
export const evidenceView = (e: FlagEvidence) => ({
  source: { kind: e.sourceKind, id: e.sourceId },
  score: e.score,
  streamTimeMs: e.streamTimeMs,
  model: { name: e.model, version: e.modelVersion },
  detail: e.detail,
  actor: { role: e.actorRole, accountId: e.actorAccountId },
});

export function flagView(flag: Flag, accountExternalId: string | undefined, evidence?: FlagEvidence[]) {
  return {
    id: flag.id,
    category: flag.category,
    status: flag.status,
    reviewState: flag.reviewState,
    /** creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders). */
    party: flag.party,
    subject: { kind: flag.subjectKind, id: flag.subjectId },
    linkedTo: flag.linkedTo,
    account: { id: flag.accountId, externalId: accountExternalId ?? null },
    confidence: flag.confidence,
    evidenceCount: flag.evidenceCount,
    modelVersions: flag.modelVersions,
    policyVersion: flag.policyVersion,
    openedAt: flag.openedAt.toISOString(),
    updatedAt: flag.updatedAt.toISOString(),
    decidedAt: flag.decidedAt?.toISOString() ?? null,
    ...(evidence
      ? {
          evidence: evidence.map(evidenceView),
        }
      : {}),
  };
}
