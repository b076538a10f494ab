import type { JobsOptions } from 'bullmq';

/** Queues split work by the resource it needs, so each can be scaled on its own: ffmpeg (media), the models (classify), text and flags. */
export const QUEUE_NAMES = ['media', 'classify', 'text', 'flag'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface FlaggedItem {
  kind: 'segment' | 'post' | 'text_batch' | 'tip_batch';
  id: string;
}

/** Payloads carry ids only: the processor reloads the row, so a re-run sees the current state. */
export interface JobPayloads {
  'segment.sample': { segmentId: string };
  'segment.classify': { segmentId: string };
  'post.sample': { postId: string };
  'post.classify': { postId: string };
  'text-batch.process': { batchId: string };
  'tip-batch.process': { batchId: string };
  /** Re-evaluates a subject's flags after an item added signals to it; the item is finished once this is done. */
  'subject.flag': {
    subjectKind: 'stream' | 'post';
    subjectId: string;
    item: FlaggedItem;
    /**
     * How many signals the item recorded, when the step that recorded them enqueued this (a hint, not state): 0
     * means nothing changed, so there is nothing to evaluate (most chat is no evidence). Absent: evaluate.
     */
    newSignals?: number;
  };
  /** A flag past its category's auto-action threshold: interrupt the live stream before review. */
  'flag.auto-action': { flagId: string };
}
export type JobName = keyof JobPayloads;

// Named option sets: exponential backoff for what a retry can fix; see PermanentJobError for what it can't.
const RETRY_MEDIA: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } };
const RETRY_MODEL: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } };

interface JobDefinition<N extends JobName> {
  queue: QueueName;
  options: JobsOptions;
  /** Derived from the payload, so enqueuing the same work twice is one job (BullMQ forbids ':' in ids). */
  id: (payload: JobPayloads[N]) => string;
}

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'segment.sample': { queue: 'media', options: RETRY_MEDIA, id: (p) => `segment.sample_${p.segmentId}` },
  'segment.classify': { queue: 'classify', options: RETRY_MODEL, id: (p) => `segment.classify_${p.segmentId}` },
  'post.sample': { queue: 'media', options: RETRY_MEDIA, id: (p) => `post.sample_${p.postId}` },
  'post.classify': { queue: 'classify', options: RETRY_MODEL, id: (p) => `post.classify_${p.postId}` },
  'text-batch.process': { queue: 'text', options: RETRY_MODEL, id: (p) => `text-batch.process_${p.batchId}` },
  'tip-batch.process': { queue: 'text', options: RETRY_MODEL, id: (p) => `tip-batch.process_${p.batchId}` },
  'subject.flag': { queue: 'flag', options: RETRY_MODEL, id: (p) => `subject.flag_${p.item.kind}_${p.item.id}` },
  'flag.auto-action': { queue: 'flag', options: RETRY_MODEL, id: (p) => `flag.auto-action_${p.flagId}` },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function jobId<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  return (JOBS[name] as JobDefinition<N>).id(payload);
}
