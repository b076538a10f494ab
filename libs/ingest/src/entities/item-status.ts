/**
 * Where an accepted item is in the pipeline. The stored stage is finer than what platforms see: they get
 * `queued`, `processing`, then one terminal state, `classified` or `failed` (with a code and a reason).
 */
export type ItemStage = 'queued' | 'sampling' | 'sampled' | 'classifying' | 'flagging' | 'classified' | 'failed';
export type PublicStatus = 'queued' | 'processing' | 'classified' | 'failed';

export const TERMINAL_STAGES: ItemStage[] = ['classified', 'failed'];

export function publicStatus(stage: ItemStage): PublicStatus {
  if (stage === 'queued' || stage === 'classified' || stage === 'failed') return stage;
  return 'processing';
}

/**
 * Stages at which an item waits for its next job (an enqueue that failed leaves it here), and stages at which a
 * job works on it. The reconciler gives the working ones longer before it calls them stuck: their job may run for
 * minutes (a long video), and a job whose worker died is BullMQ's stalled check's to retry first.
 */
export const HANDOFF_STAGES: ItemStage[] = ['queued', 'sampled'];
export const WORKING_STAGES: ItemStage[] = ['sampling', 'classifying', 'flagging'];
