import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus registry and the pipeline's own metrics. One instance per process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly itemsIngested = new Counter({
    name: 'qinglang_items_ingested_total',
    help: 'Items accepted through the ingest API, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly frames = new Counter({
    name: 'qinglang_frames_total',
    help: 'Sampled frames by outcome: classified by the model, or skipped as a near-duplicate',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly classificationSeconds = new Histogram({
    name: 'qinglang_classification_seconds',
    help: 'Model time per classified batch of frames',
    labelNames: ['model'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly itemsFinished = new Counter({
    name: 'qinglang_items_finished_total',
    help: 'Items that reached a terminal state, by kind and status',
    labelNames: ['kind', 'status'],
    registers: [this.registry],
  });

  readonly sanctionsIssued = new Counter({
    name: 'qinglang_sanctions_issued_total',
    help: 'Sanctions and interim actions issued, by category and action',
    labelNames: ['category', 'action'],
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'qinglang_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry, failed (gave up; replayable)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly retentionDeleted = new Counter({
    name: 'qinglang_retention_deleted_total',
    help: 'Media deleted by the retention sweep: items (segment, post) by class, and their frames',
    labelNames: ['kind', 'class'],
    registers: [this.registry],
  });

  readonly jobs: Gauge<'queue' | 'state'>;

  private jobCounts: () => Promise<Record<string, Record<string, number>>> = async () => ({});

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'qinglang_process_' });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls collect() with its own `this`
    const self = this;
    this.jobs = new Gauge({
      name: 'qinglang_jobs',
      help: 'Jobs in each queue by state, read from the queue at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await self.jobCounts().catch(() => ({}));
        this.reset();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value);
        }
      },
    });
  }

  /** The queue module tells the registry how to count jobs; scraped lazily so /metrics never goes stale. */
  setJobCountSource(source: () => Promise<Record<string, Record<string, number>>>): void {
    this.jobCounts = source;
  }
}
