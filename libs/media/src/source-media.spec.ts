import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@qinglang/config';
import { PermanentJobError } from '@qinglang/queue';
import { LocalMediaStore } from '@qinglang/storage';
import type { FfmpegService } from './ffmpeg.service';
import { SourceMedia } from './source-media.service';

describe('SourceMedia with media gone from the store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-source-media-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(['video', 'image'] as const)('fails a %s for good (media_missing): no retry brings it back', async (kind) => {
    const store = new LocalMediaStore(dataDir);
    // ffmpeg is never reached: the input is missing before anything is run.
    const media = new SourceMedia(loadConfig({ DATA_DIR: dataDir }), {} as FfmpegService, store);
    const failure = await store
      .withScratch<unknown>((scratch) =>
        kind === 'video'
          ? media.sampleVideo('media/p/segments/gone.ts', 'frames/p/segment-gone', scratch)
          : media.sampleImage('media/p/posts/x/gone.png', 'frames/p/post-x/image-0', scratch),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentJobError);
    expect(failure).toMatchObject({ code: 'media_missing' });
  });
});
