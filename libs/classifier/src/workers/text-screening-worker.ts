// A text screening pool thread (see text-signals.service.ts): the text classifier and the contact extraction over
// one batch of chat or transcript lines at a time, off the API's event loop.
// Under ts-node (tests, the bench) the pool starts this thread without the @qinglang/* aliases; a built process
// has them already (npm start), and registering twice is harmless.
import 'tsconfig-paths/register';
import { TextClassifier, createTextClassifier, screenTexts } from '@qinglang/text-classifier';
import { serveWorkerPool } from './worker-pool-thread';
import type { TextScreeningReply, TextScreeningRequest, TextScreeningWorkerData } from './text-screening';

let classifier: TextClassifier;

serveWorkerPool<TextScreeningRequest, TextScreeningReply>({
  async init(data) {
    classifier = createTextClassifier({ policyPath: (data as TextScreeningWorkerData).policyPath });
    classifier.classify('主播晚上好，加微信 abc123 领福利'); // compiles the hot paths before the first batch
  },

  async handle(request) {
    return { reply: { screened: screenTexts(classifier, request.texts, request.evidenceThresholds) } };
  },
});
