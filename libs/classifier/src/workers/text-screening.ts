import type { CategoryScores, ScreenedText } from '@qinglang/text-classifier';

export interface TextScreeningWorkerData {
  /** The policy file whose flag thresholds the classifier applies (as on the main thread). */
  policyPath: string;
}

export interface TextScreeningRequest {
  texts: string[];
  /** The policy's evidence thresholds at the time of the call. */
  evidenceThresholds: CategoryScores;
}

export interface TextScreeningReply {
  /** Only the texts that are evidence or carry a contact or link, by index. */
  screened: ScreenedText[];
}
