// The chat bench's clients, on a thread of their own so the load they make is not work on the app's event loop
// (the app runs on the main thread of the same process, as on its embedded defaults).
import { parentPort, workerData } from 'node:worker_threads';

export interface ChatLoad {
  url: string;
  apiKey: string;
  texts: string[];
  clients: number;
  batchSize: number;
  seconds: number;
  /** Lines a second on a clock; 0: each client sends its next batch when the last one is answered. */
  offered: number;
}

export interface ChatLoadResult {
  latencies: number[];
  linesSent: number;
  failures: number;
  /** Answers other than 202, by status. */
  refused: Record<number, number>;
  startedAt: number;
  postedFor: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChatLoad(load: ChatLoad): Promise<ChatLoadResult> {
  const { url, apiKey, texts, clients, batchSize, seconds, offered } = load;
  const latencies: number[] = [];
  let linesSent = 0;
  let failures = 0;
  const refused: Record<number, number> = {};
  const started = Date.now();
  const stopAt = started + seconds * 1000;
  const post = async (client: number, n: number) => {
    const at = new Date().toISOString();
    const lines = Array.from({ length: batchSize }, (_, i) => ({
      at,
      senderId: `fan-${(client * 7919 + n * 31 + i) % 5000}`,
      text: texts[(client * 131 + n * batchSize + i) % texts.length],
    }));
    const sent = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lines }),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - sent);
    if (response.status === 202) linesSent += batchSize;
    else {
      failures++;
      refused[response.status] = (refused[response.status] ?? 0) + 1;
    }
  };
  if (offered > 0) {
    // On a clock: batch k leaves at k·B/R seconds, each from the next client in turn.
    const inFlight: Array<Promise<void>> = [];
    for (let k = 0; ; k++) {
      const due = started + (k * batchSize * 1000) / offered;
      if (due >= stopAt) break;
      if (due > Date.now()) await sleep(due - Date.now());
      inFlight.push(post(k % clients, Math.floor(k / clients)));
    }
    await Promise.all(inFlight);
  } else
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let n = 0; Date.now() < stopAt; n++) await post(client, n);
      }),
    );
  return { latencies, linesSent, failures, refused, startedAt: started, postedFor: (Date.now() - started) / 1000 };
}

if (parentPort && workerData) {
  const port = parentPort;
  void runChatLoad(workerData as ChatLoad).then((result) => port.postMessage(result));
}
