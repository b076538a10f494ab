import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { JsonObject, newId } from '@qinglang/persistence';
import { PolicyService } from '@qinglang/policy';
import { ActorRole, Signal } from './signal.entity';
import {
  CategoryScores,
  ContactEntity,
  DEFAULT_LEXICON_DIR,
  DEFAULT_TEXT_MODEL_PATH,
  ScreenedText,
  TEXT_CATEGORIES,
  TextClassification,
  TextClassifier,
  createTextClassifier,
  screenTexts,
} from '@qinglang/text-classifier';
import { WorkerPool, WorkerPoolClosedError } from './workers/worker-pool';
import type { TextScreeningReply, TextScreeningRequest, TextScreeningWorkerData } from './workers/text-screening';

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
  /** Its contacts and links, when already extracted (by `screenItems`); else they are extracted where needed. */
  entities?: ContactEntity[];
}

/** Texts screened on the calling thread (no screening thread) per turn of the event loop. */
const TEXTS_PER_TURN = 100;

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]))
    .sort();
}

/**
 * The text classifier as the pipeline and the API use it: one instance per process, its version the hash of the
 * lexicon files and the learned model's weights, and signals only for texts that are evidence for some category (most chat is not, and a
 * signal per line would bury the ones that matter). Chat and transcript batches are screened on a worker thread
 * of their own (`screen`), so the API's event loop does not classify lines; with CLASSIFY_WORKERS=0, or if
 * that thread cannot start, on this thread, a slice at a time.
 */
@Injectable()
export class TextSignals implements OnApplicationShutdown {
  readonly model = 'qinglang-text';
  readonly version: string;
  private loaded?: TextClassifier;
  private readonly logger = new Logger('TextSignals');
  private pool?: WorkerPool<TextScreeningRequest, TextScreeningReply>;
  private starting?: Promise<WorkerPool<TextScreeningRequest, TextScreeningReply> | undefined>;
  private closing = false;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyService,
  ) {
    if (config.role !== 'worker') this.loaded = createTextClassifier({ policyPath: config.policyPath });
    const hash = createHash('sha256');
    for (const file of filesUnder(DEFAULT_LEXICON_DIR))
      hash.update(file.slice(DEFAULT_LEXICON_DIR.length)).update(readFileSync(file));
    hash.update(readFileSync(DEFAULT_TEXT_MODEL_PATH));
    this.version = hash.digest('hex').slice(0, 16);
  }

  /** Starts the screening threads where queue workers run (a readiness check, run once the API answers). */
  async warmUp(): Promise<void> {
    if (this.config.role !== 'api') await this.ready();
  }

  /**
   * This thread's classifier. Where the API runs (POST /v1/classify/text, overlay text) it is built with this
   * service, before the application answers: building it holds this thread for about a second, which a request
   * would otherwise wait for. A worker process builds it only if it must screen on this thread.
   */
  private get classifier(): TextClassifier {
    this.loaded ??= createTextClassifier({ policyPath: this.config.policyPath });
    return this.loaded;
  }

  classify(text: string): TextClassification {
    return this.classifier.classify(text);
  }

  /**
   * Classifies on this thread only if its classifier is built already (where the API runs, once its modules are
   * loaded); undefined otherwise, so a read never waits for a model to load.
   */
  classifyIfLoaded(text: string): TextClassification | undefined {
    return this.loaded?.classify(text);
  }

  toSignals(items: TextItem[], now = this.clock.now()): Signal[] {
    return this.signalsOf(
      items,
      screenTexts(
        this.classifier,
        items.map((i) => i.text),
        this.evidenceThresholds(),
      ),
      now,
    );
  }

  /**
   * Screens texts off the event loop, on a text screening thread (see the class): which are evidence (with their
   * scores and spans), and which carry contacts and links. `fromScreening` turns the result into signals.
   */
  async screen(texts: string[]): Promise<ScreenedText[]> {
    const evidenceThresholds = this.evidenceThresholds();
    const pool = await this.ready();
    if (pool) {
      try {
        return (await pool.run({ texts, evidenceThresholds })).screened;
      } catch (error) {
        // A pool whose thread could not be started again closes itself; from then on, this thread screens.
        if (!(error instanceof WorkerPoolClosedError) || this.closing) throw error;
        this.logger.warn({ message: 'text screening threads gone; screening on this thread', error: String(error) });
        this.pool = undefined;
        this.starting = Promise.resolve(undefined);
      }
    }
    const screened: ScreenedText[] = [];
    for (let from = 0; from < texts.length; from += TEXTS_PER_TURN) {
      if (from) await new Promise((resolve) => setImmediate(resolve));
      const slice = screenTexts(this.classifier, texts.slice(from, from + TEXTS_PER_TURN), evidenceThresholds);
      screened.push(...slice.map((s) => ({ ...s, index: s.index + from })));
    }
    return screened;
  }

  /**
   * The signals of screened texts (`screen` over them, in order; `itemOf` gives the item of a text by its index),
   * and the items whose texts carry contacts or links, with them (for the entity bank): what `toSignals` gives,
   * without classifying on this thread, and building items only for the few texts that need one.
   */
  fromScreening(
    screened: ScreenedText[],
    itemOf: (index: number) => TextItem,
    now = this.clock.now(),
  ): { signals: Signal[]; withEntities: TextItem[] } {
    const items: TextItem[] = [];
    for (const s of screened) items[s.index] = itemOf(s.index);
    return {
      signals: this.signalsOf(items, screened, now),
      withEntities: screened.filter((s) => s.entities.length).map((s) => ({ ...items[s.index], entities: s.entities })),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.starting;
    await this.pool?.close();
    this.pool = undefined;
  }

  private evidenceThresholds(): CategoryScores {
    return {
      gambling: this.policy.rule('gambling').evidenceThreshold,
      porn: this.policy.rule('porn').evidenceThreshold,
      tipping: this.policy.rule('tipping').evidenceThreshold,
    };
  }

  /** The screening threads, started on first use; undefined where texts are screened on this thread. */
  private ready(): Promise<WorkerPool<TextScreeningRequest, TextScreeningReply> | undefined> {
    if (this.closing) return Promise.resolve(undefined);
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<WorkerPool<TextScreeningRequest, TextScreeningReply> | undefined> {
    if (this.config.ml.workers === 0) return undefined;
    // Beside this file: .js once built, .ts under ts-node and Jest (the pool loads it through ts-node then).
    const file = join(__dirname, 'workers', `text-screening-worker${extname(__filename)}`);
    const workerData: TextScreeningWorkerData = { policyPath: this.config.policyPath };
    // As many threads as the text queue runs jobs at once (two), at most one per core: at 5,000 lines a second the
    // classifier needs about a quarter of a core, but on a box whose frame analysis threads are busy a single
    // thread got too small a share of the CPU to keep up.
    const pool = new WorkerPool<TextScreeningRequest, TextScreeningReply>({
      name: 'text screening threads',
      file,
      size: Math.min(2, this.config.ml.workers),
      workerData,
    });
    try {
      await pool.start();
    } catch (error) {
      this.logger.warn({
        message: 'text screening threads failed to start; screening on this thread',
        error: String(error),
      });
      await pool.close();
      return undefined;
    }
    if (this.closing) {
      await pool.close();
      return undefined;
    }
    this.pool = pool;
    return pool;
  }

  private signalsOf(items: TextItem[], screened: ScreenedText[], now: Date): Signal[] {
    const signals: Signal[] = [];
    for (const { index, classification: result, entities } of screened) {
      if (!result) continue;
      const item = items[index];
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
            entities: entities as unknown as object,
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
