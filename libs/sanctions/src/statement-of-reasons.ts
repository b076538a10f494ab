import type { Flag, FlagEvidence } from '@qinglang/flagging';
import { LadderRung, describeRung } from '@qinglang/policy';
import type { JsonObject } from '@qinglang/persistence';

export interface StatementInput {
  rung: LadderRung | { action: 'stream_interruption' };
  interim: boolean;
  flag: Flag;
  evidence: FlagEvidence[];
  ground: { category: string; reasonCode: string; reasonLabel: string; policyVersion: string };
  strike: { number: number; windowDays: number } | null;
  subject: JsonObject;
  account: { id: string; externalId: string | null };
  automatedDecision: boolean;
  reviewers: number;
  contentAction: JsonObject | null;
  monetaryAction: JsonObject | null;
  endsAt: Date | null;
  appealWindowDays: number;
  issuedAt: Date;
}

const EVIDENCE_SHOWN = 10;

/**
 * A statement of reasons in the spirit of EU DSA Article 17: what was decided and for how long, on which ground,
 * the facts and evidence relied on, whether detection and decision were automated, and how to seek redress.
 */
export function statementOfReasons(input: StatementInput): JsonObject {
  const decision =
    'days' in input.rung || input.rung.action !== 'stream_interruption'
      ? describeRung(input.rung)
      : 'stream interruption pending review';
  const strongest = [...input.evidence].sort((a, b) => b.score - a.score).slice(0, EVIDENCE_SHOWN);
  return {
    decision: {
      action: input.rung.action,
      summary: decision,
      durationDays: 'days' in input.rung ? (input.rung.days ?? null) : null,
      endsAt: input.endsAt?.toISOString() ?? null,
      interim: input.interim,
      contentAction: input.contentAction,
      monetaryAction: input.monetaryAction,
    },
    ground: {
      ...input.ground,
      policy: `Qinglang policy ${input.ground.policyVersion}, categories.${input.ground.category}`,
    },
    facts: {
      account: input.account,
      subject: input.subject,
      flag: {
        id: input.flag.id,
        openedAt: input.flag.openedAt.toISOString(),
        confidence: input.flag.confidence,
        evidenceCount: input.flag.evidenceCount,
        modelVersions: input.flag.modelVersions,
      },
      evidence: strongest.map((e) => ({
        source: { kind: e.sourceKind, id: e.sourceId },
        score: e.score,
        streamTimeMs: e.streamTimeMs,
        model: `${e.model}@${e.modelVersion}`,
        ...(typeof e.detail.text === 'string' ? { text: e.detail.text } : {}),
        ...(Array.isArray(e.detail.spans) ? { spans: e.detail.spans } : {}),
        ...(Array.isArray(e.detail.rules) ? { rules: e.detail.rules } : {}),
      })),
      strike: input.strike,
    },
    automation: {
      detection: input.flag.modelVersions.length > 0 ? 'automated (models named in facts.flag.modelVersions)' : 'rule',
      decision: input.automatedDecision
        ? 'automated, pending human review'
        : `human review (${input.reviewers} reviewer${input.reviewers === 1 ? '' : 's'})`,
      automatedDecision: input.automatedDecision,
    },
    redress: {
      appeal: input.interim
        ? 'This interim action is lifted at once if a reviewer rejects the flag.'
        : `The account may appeal through its platform within ${input.appealWindowDays} days; a senior reviewer who took no part in this decision decides.`,
      appealDeadline: input.interim
        ? null
        : new Date(input.issuedAt.getTime() + input.appealWindowDays * 86_400_000).toISOString(),
    },
  };
}
