import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { JsonObject, newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import { ActorRole, Signal } from './signal.entity';
import {
  DEFAULT_LEXICON_DIR,
  DEFAULT_TEXT_MODEL_PATH,
  TEXT_CATEGORIES,
  TextClassification,
  TextClassifier,
  createTextClassifier,
  extractEntities,
} from '@qinglang/text-classifier';

export interface TextItem {
  sourceKind: Signal['sourceKind'];
  sourceId: string;
  platformId: string;
  text: string;
  subject: { kind: 'stream' | 'post'; id: string };
  streamTimeMs?: number | null;
  /** Shown to a reviewer beside the text (sender, time, frame). */
  context?: JsonObject;
  /** Who wrote or said it; left out, the subject's owner (streamer or author) is recorded. */
  actor?: { role: ActorRole; accountId: string | null };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]))
    .sort();
}

/**
 * The text classifier as the pipeline and the API use it: one instance per process, its version the hash of the
 * lexicon files and the learned model's weights, and signals only for texts that are evidence for some category (most chat is not, and a
 * signal per line would bury the ones that matter).
 */
@Injectable()
export class TextSignals {
  readonly model = 'qinglang-text';
  readonly version: string;
  private readonly classifier: TextClassifier;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly policy: PolicyService,
  ) {
    this.classifier = createTextClassifier({ policyPath: config.policyPath });
    const hash = createHash('sha256');
    for (const file of filesUnder(DEFAULT_LEXICON_DIR))
      hash.update(file.slice(DEFAULT_LEXICON_DIR.length)).update(readFileSync(file));
    hash.update(readFileSync(DEFAULT_TEXT_MODEL_PATH));
    this.version = hash.digest('hex').slice(0, 16);
  }

  classify(text: string): TextClassification {
    return this.classifier.classify(text);
  }

  toSignals(items: TextItem[], now = this.clock.now()): Signal[] {
    const signals: Signal[] = [];
    for (const item of items) {
      const result = this.classifier.classify(item.text);
      const isEvidence = TEXT_CATEGORIES.some((c) => result.scores[c] >= this.policy.rule(c).evidenceThreshold);
      if (!isEvidence) continue;
      const top = TEXT_CATEGORIES.reduce((best, c) => (result.scores[c] > result.scores[best] ? c : best));
      signals.push(
        Object.assign(new Signal(), {
          id: newId(),
          platformId: item.platformId,
          sourceKind: item.sourceKind,
          sourceId: item.sourceId,
          model: this.model,
          modelVersion: this.version,
          scores: result.scores,
          topLabel: top,
          subjectKind: item.subject.kind,
          subjectId: item.subject.id,
          categories: result.scores,
          detail: {
            ...(item.context ?? {}),
            text: item.text,
            spans: result.evidence as unknown as object,
            // Contacts and links: what ties the line to an operator (floods, the bank), shown to the reviewer.
            entities: extractEntities(item.text) as unknown as object,
          },
          streamTimeMs: item.streamTimeMs ?? null,
          createdAt: now,
          actorRole: item.actor?.role ?? null,
          actorAccountId: item.actor?.accountId ?? null,
        } satisfies Signal),
      );
    }
    return signals;
  }
}
