import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Database, Statement } from 'better-sqlite3';
import { Between, DataSource, EntityManager, Repository } from 'typeorm';
import { newId } from '@qinglang/persistence';
import { MetricsService } from '@qinglang/operations';
import { JobQueue } from '@qinglang/queue';
import { TextBatch, TextKind } from '../entities/text-batch.entity';
import { TextLine } from '../entities/text-line.entity';
import { TipBatch } from '../entities/tip-batch.entity';
import { AgeBand, TipEvent } from '../entities/tip-event.entity';
import { StreamsService } from './streams.service';
import { ItemLifecycle, acceptedLifecycle } from './item-lifecycle';
import { acceptOnce } from './accept-once';

export interface LineInput {
  sentAt: Date;
  senderId?: string;
  text: string;
}

export interface TipInput {
  tipperId: string;
  ageBand: AgeBand;
  amount: string;
  currency: string;
  giftName?: string;
  sentAt: Date;
}

const ROWS_PER_INSERT = 1000;

/** Lines of batches accepted here and not yet classified, kept for the classifier (oldest dropped past this). */
const HANDED_OVER_LINES_MAX = 50_000;

const INSERT_TEXT_LINE =
  'INSERT INTO text_lines (id, batch_id, stream_id, position, sent_at, sender_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** Chat, transcript and tip batches: written whole in one transaction with their lines or events, or not at all. */
@Injectable()
export class BatchesService {
  readonly textLifecycle: ItemLifecycle<TextBatch>;
  readonly tipLifecycle: ItemLifecycle<TipBatch>;
  /**
   * A process that also classifies (not a separate API process) hands the lines it accepted to the classifier in
   * memory, so they are not read back a moment after they were written; the classifier reads them from the
   * database when they are not here (another process accepted them, a retry, a restart).
   */
  private readonly handedOver = new Map<string, TextLine[]>();
  private handedOverLines = 0;
  private lineInsert?: { db: Database; statement: Statement };

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(TextBatch) private readonly textBatches: Repository<TextBatch>,
    @InjectRepository(TextLine) private readonly textLines: Repository<TextLine>,
    @InjectRepository(TipBatch) private readonly tipBatches: Repository<TipBatch>,
    @InjectRepository(TipEvent) private readonly tipEvents: Repository<TipEvent>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly streams: StreamsService,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.textLifecycle = new ItemLifecycle(textBatches, 'batch_not_found', this.clock);
    this.tipLifecycle = new ItemLifecycle(tipBatches, 'batch_not_found', this.clock);
  }

  async acceptLines(platformId: string, streamId: string, kind: TextKind, lines: LineInput[], idempotencyKey?: string) {
    await this.streams.getForPlatform(platformId, streamId);
    const { item: batch, created } = await acceptOnce({
      existing: () =>
        idempotencyKey ? this.textBatches.findOneBy({ platformId, idempotencyKey }) : Promise.resolve(null),
      insert: async () => {
        const now = this.clock.now();
        const batch = this.textBatches.create({
          id: newId(),
          platformId,
          streamId,
          kind,
          idempotencyKey: idempotencyKey ?? null,
          lineCount: lines.length,
          ...acceptedLifecycle(now),
        });
        const rows = lines.map((line, position) =>
          this.textLines.create({
            id: newId(),
            batchId: batch.id,
            streamId,
            position,
            sentAt: line.sentAt,
            senderId: line.senderId ?? null,
            text: line.text,
          }),
        );
        await this.dataSource.transaction(async (manager) => {
          await manager.insert(TextBatch, batch);
          await this.insertLines(manager, rows);
        });
        this.handOver(batch.id, rows);
        return batch;
      },
    });
    if (created) {
      this.metrics.itemsIngested.inc({ kind });
      await this.queue.enqueueAccepted('text-batch.process', { batchId: batch.id }, batch.platformId);
    }
    return { batch, created };
  }

  async acceptTips(platformId: string, streamId: string, events: TipInput[], idempotencyKey?: string) {
    await this.streams.getForPlatform(platformId, streamId);
    const { item: batch, created } = await acceptOnce({
      existing: () =>
        idempotencyKey ? this.tipBatches.findOneBy({ platformId, idempotencyKey }) : Promise.resolve(null),
      insert: async () => {
        const now = this.clock.now();
        const batch = this.tipBatches.create({
          id: newId(),
          platformId,
          streamId,
          idempotencyKey: idempotencyKey ?? null,
          eventCount: events.length,
          ...acceptedLifecycle(now),
        });
        const rows = events.map((event, position) =>
          this.tipEvents.create({
            id: newId(),
            batchId: batch.id,
            platformId,
            streamId,
            position,
            ...event,
            giftName: event.giftName ?? null,
          }),
        );
        await this.insertWithRows(TipBatch, batch, TipEvent, rows);
        return batch;
      },
    });
    if (created) {
      this.metrics.itemsIngested.inc({ kind: 'tips' });
      await this.queue.enqueueAccepted('tip-batch.process', { batchId: batch.id }, batch.platformId);
    }
    return { batch, created };
  }

  /**
   * The ids of a stream's chat and transcript batches waiting for their flag hop (stage `flagging`: their signals
   * are stored), so one evaluation of the stream can finish all of them.
   */
  async textBatchesAwaitingFlags(streamId: string): Promise<string[]> {
    const rows = await this.textBatches.find({ select: { id: true }, where: { streamId, stage: 'flagging' } });
    return rows.map((row) => row.id);
  }

  /**
   * A stream's chat and transcript batches not yet picked up (stage `queued`), oldest first, as many as hold about
   * `maxLines` lines: the classifier takes several of a busy room's batches in one run.
   */
  async queuedTextBatches(streamId: string, maxLines: number): Promise<TextBatch[]> {
    const queued = await this.textBatches.find({
      where: { streamId, stage: 'queued' },
      order: { createdAt: 'ASC' },
      take: Math.max(1, Math.ceil(maxLines / 20)),
    });
    const taken: TextBatch[] = [];
    let lines = 0;
    for (const batch of queued) {
      if (lines + batch.lineCount > maxLines) break;
      lines += batch.lineCount;
      taken.push(batch);
    }
    return taken;
  }

  /** A batch's lines for the classifier: those this process accepted, else read back (in position order). */
  async linesToClassify(batchId: string): Promise<TextLine[]> {
    const kept = this.handedOver.get(batchId);
    if (!kept) return this.lines(batchId);
    this.handedOver.delete(batchId);
    this.handedOverLines -= kept.length;
    return kept;
  }

  lines(batchId: string): Promise<TextLine[]> {
    return this.textLines.find({ where: { batchId }, order: { position: 'ASC' } });
  }

  /**
   * What the streamer said or wrote on a stream since a time: every transcript line, and chat lines sent from the
   * streamer's own account (newest first, at most `limit`). Whether the streamer joined a flood is read here.
   */
  async streamersLines(
    streamId: string,
    streamerExternalId: string | null,
    since: Date,
    limit = 2000,
  ): Promise<TextLine[]> {
    // Two look-ups, each on its own index (the streamer's chat by sender; the transcript by its batches), rather
    // than one OR that reads every line of the room in the window to keep a few.
    const window = { streamId, since: since.getTime() };
    const [chat, transcript] = await Promise.all([
      streamerExternalId
        ? this.textLines
            .createQueryBuilder('l')
            .where('l.stream_id = :streamId AND l.sender_id = :sender AND l.sent_at >= :since', {
              ...window,
              sender: streamerExternalId,
            })
            .orderBy('l.sent_at', 'DESC')
            .limit(limit)
            .getMany()
        : Promise.resolve([]),
      this.textLines
        .createQueryBuilder('l')
        .innerJoin(TextBatch, 'b', 'b.id = l.batch_id')
        .where("b.stream_id = :streamId AND b.kind = 'transcript' AND l.sent_at >= :since", window)
        .orderBy('l.sent_at', 'DESC')
        .limit(limit)
        .getMany(),
    ]);
    const seen = new Set<string>();
    return [...chat, ...transcript]
      .filter((line) => !seen.has(line.id) && seen.add(line.id))
      .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime())
      .slice(0, limit);
  }

  /** One tipper's tips on the platform between two times: for caps, structuring and tips across streams. */
  tipsOfTipper(platformId: string, tipperId: string, from: Date, to: Date): Promise<TipEvent[]> {
    return this.tipEvents.find({
      where: { platformId, tipperId, sentAt: Between(from, to) },
      order: { sentAt: 'ASC' },
    });
  }

  /** A stream's tips between two times: for bursts. */
  tipsOfStream(streamId: string, from: Date, to: Date): Promise<TipEvent[]> {
    return this.tipEvents.find({ where: { streamId, sentAt: Between(from, to) }, order: { sentAt: 'ASC' } });
  }

  events(batchId: string): Promise<TipEvent[]> {
    return this.tipEvents.find({ where: { batchId }, order: { position: 'ASC' } });
  }

  private handOver(batchId: string, rows: TextLine[]): void {
    if (this.config.role === 'api') return;
    this.handedOver.set(batchId, rows);
    this.handedOverLines += rows.length;
    for (const [id, lines] of this.handedOver) {
      if (this.handedOverLines <= HANDED_OVER_LINES_MAX) break;
      this.handedOver.delete(id);
      this.handedOverLines -= lines.length;
    }
  }

  /**
   * A batch's lines, in its transaction. On SQLite one prepared statement run per line (TypeORM's multi-row insert
   * builds and escapes a statement of thousands of parameters, on the event loop); on PostgreSQL multi-row inserts.
   */
  private async insertLines(manager: EntityManager, rows: TextLine[]): Promise<void> {
    if (manager.connection.options.type !== 'better-sqlite3') {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await manager.insert(TextLine, rows.slice(i, i + ROWS_PER_INSERT));
      return;
    }
    // The transaction's own connection (SQLite has one): the statements run inside its BEGIN ... COMMIT.
    const db = (await manager.queryRunner!.connect()) as Database;
    if (this.lineInsert?.db !== db) this.lineInsert = { db, statement: db.prepare(INSERT_TEXT_LINE) };
    const { statement } = this.lineInsert;
    for (const row of rows)
      statement.run(row.id, row.batchId, row.streamId, row.position, row.sentAt.getTime(), row.senderId, row.text);
  }

  /** A batch and its rows in one transaction. */
  private async insertWithRows<B extends object, R extends object>(
    batchEntity: new () => B,
    batch: B,
    rowEntity: new () => R,
    rows: R[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(batchEntity, batch);
      // Few statements for a whole batch (each insert is a round trip and a query build), chunked under the
      // bound-parameter limits: 32,766 in the SQLite better-sqlite3 bundles, 65,535 in PostgreSQL (~10 columns a row).
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await manager.insert(rowEntity, rows.slice(i, i + ROWS_PER_INSERT));
    });
  }
}
