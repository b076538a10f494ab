import type { Sanction } from './sanction.entity';

/** How a sanction reads to a platform (webhook, feed, API) and to compliance: the same shape everywhere. */
export function sanctionView(sanction: Sanction) {
  const facts = (sanction.statement.facts ?? {}) as {
    account?: { externalId?: string };
    subject?: Record<string, unknown>;
  };
  return {
    id: sanction.id,
    kind: sanction.kind,
    /** creator (warning → suspension → delisting) or viewer (chat mute → chat ban → account ban). */
    ladder: sanction.ladder,
    category: sanction.category,
    action: sanction.action,
    durationDays: sanction.durationDays,
    status: sanction.status,
    strikeNumber: sanction.strikeNumber,
    reasonCode: sanction.reasonCode,
    account: { id: sanction.accountId, externalId: facts.account?.externalId ?? null },
    subject: facts.subject ?? null,
    flagId: sanction.flagId,
    issuedAt: sanction.issuedAt.toISOString(),
    endsAt: sanction.endsAt?.toISOString() ?? null,
    endedAt: sanction.endedAt?.toISOString() ?? null,
    endReason: sanction.endReason,
    contentAction: sanction.contentAction,
    monetaryAction: sanction.monetaryAction,
    automated: sanction.automated,
    decidedBy: sanction.decidedBy,
    policyVersion: sanction.policyVersion,
    modelVersions: sanction.modelVersions,
    statement: sanction.statement,
  };
}

export type SanctionView = ReturnType<typeof sanctionView>;
