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
