import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@qinglang/config';
import { createMediaStore } from '@qinglang/storage';
import { startS3Server } from '../test/helpers/s3-server';

/**
 * What the media store costs a segment on each driver: storing an upload, storing its five evidence JPEGs,
 * fetching the segment back into a job's scratch, serving one JPEG. The S3 driver runs against s3rver on
 * loopback (the tests' server), so network time is near zero: the figures are the protocol's own cost.
 *   ts-node --transpile-only -r tsconfig-paths/register bench/media-store.ts [repeats]
 */
const SEGMENT = join(__dirname, '..', 'test', 'fixtures', 'segment-10s.ts');
const repeats = Number(process.argv[2] ?? 20);

async function main() {
  const s3 = await startS3Server();
  try {
    for (const [driver, env] of [
      ['local', {}],
      ['s3', s3.env('bench')],
    ] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-bench-store-'));
      const store = await createMediaStore(loadConfig({ DATA_DIR: dataDir, ...env }));
      const total = { storeSegmentMs: 0, storeFiveJpegsMs: 0, fetchSegmentMs: 0, serveJpegMs: 0 };
      const timed = async (key: keyof typeof total, work: () => Promise<unknown>) => {
        const started = performance.now();
        await work();
        total[key] += performance.now() - started;
      };
      for (let i = 0; i < repeats; i++) {
        const upload = join(dataDir, 'upload');
        copyFileSync(SEGMENT, upload);
        await timed('storeSegmentMs', () => store.adopt(upload, `media/p/segments/${i}.ts`));
        await store.withScratch(async (scratch) => {
          const folder = await store.placeFor(`frames/p/segment-${i}`, scratch);
          mkdirSync(folder, { recursive: true });
          for (let f = 0; f < 5; f++) writeFileSync(join(folder, `${f}.jpg`), Buffer.alloc(60_000, f));
          await timed('storeFiveJpegsMs', () => store.commit(`frames/p/segment-${i}`, scratch));
        });
        await store.withScratch((scratch) =>
          timed('fetchSegmentMs', () => store.localFile(`media/p/segments/${i}.ts`, scratch)),
        );
        await timed('serveJpegMs', async () => {
          for await (const chunk of await store.open(`frames/p/segment-${i}/0.jpg`)) void chunk;
        });
      }
      const mean = Object.fromEntries(Object.entries(total).map(([k, v]) => [k, Number((v / repeats).toFixed(1))]));
      console.log(JSON.stringify({ driver, repeats, ...mean }));
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await s3.close();
  }
}

void main();
