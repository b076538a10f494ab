import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '@qinglang/audit';
import { ManualClock } from '@qinglang/config';
import { ItemMediaRetention } from '@qinglang/ingest';
import { RetentionSweep, SweepLease, SweepLeaseLost } from '@qinglang/retention';
import { MediaStore } from '@qinglang/storage';
import { DataSource } from 'typeorm';
import { FIXTURES, TestApp, TestBackends, startTestApp, waitForTerminal } from '../helpers/test-app';
import { ReviewFixture } from '../helpers/review-client';

const DAY = 86_400_000;

interface SegmentBody {
  id: string;
  status: string;
  mediaDeleted: { at: string; by: string; message: string } | null;
  results: { frames: Array<{ id: string; imageUrl: string; imageDeletedAt: string | null }> };
}

/** Where the suite looks for stored media: the data directory (the default), or a bucket. */
export interface StoredMediaProbe {
  /** The environment that points the app at this store. */
  env: Record<string, string>;
  /** Whether anything is stored at this path or under this folder. */
  exists(path: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Retention with a clock the test moves: a benign segment's media goes after 7 days, a flagged one's stays while
 * its flag is open and for the compliance period after the decision, then goes too; every run that deleted is
 * audited, the log still verifies and the transparency report gives the same numbers after the purge.
 */
export function describeRetention(
  label: string,
  makeBackends: () => Promise<TestBackends>,
  makeStore?: () => Promise<StoredMediaProbe>,
) {
  describe(`media retention (${label})`, () => {
    const start = new Date('2026-03-01T08:00:00Z');
    const clock = new ManualClock(start);
    let backends: TestBackends;
    let t: TestApp;
    let f: ReviewFixture;
    let platformId: string;
    let reviewer: string;
    let officer: string;
    let sweep: RetentionSweep;
    let store: StoredMediaProbe | undefined;
    // Serves a video for a post given by videoUrl; anything else answers 404 (a segment whose fetch fails).
    let media: Server;
    let mediaUrl: string;

    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const segment = async (id: string) =>
      (await t.http().get(`/v1/segments/${id}`).set(as(f.apiKey))).body as SegmentBody;
    const stored = (relative: string) =>
      store ? store.exists(relative) : Promise.resolve(existsSync(join(t.config.dataDir, relative)));
    const sweeps = async () =>
      (await t.app.get(DataSource).query(`SELECT seq FROM audit_entries WHERE action = 'retention.swept'`)).length;
    const report = async () => {
      const response = await t
        .http()
        .get(`/v1/compliance/reports/transparency?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`)
        .set(as(officer));
      expect(response.status).toBe(200);
      return response.body as Record<string, unknown>;
    };

    async function post(externalId: string, text: string) {
      const response = await t
        .http()
        .post('/v1/posts')
        .set(as(f.apiKey))
        .field('externalId', externalId)
        .field('authorId', `${externalId}-author`)
        .field('text', text)
        .attach('images', join(FIXTURES, 'image.png'));
      expect(response.status).toBe(202);
      const done = await waitForTerminal(t.http, f.apiKey, `/v1/posts/${response.body.id}`);
      expect(done.status).toBe('classified');
      return response.body.id as string;
    }
    const postGet = async (id: string) =>
      (await t.http().get(`/v1/posts/${id}`).set(as(f.apiKey))).body as Omit<SegmentBody, 'status'>;

    async function upload(file: string, externalId: string) {
      const streamId = await f.stream(externalId, `${externalId}-host`);
      const response = await t
        .http()
        .post(`/v1/streams/${streamId}/segments`)
        .set(as(f.apiKey))
        .attach('file', join(FIXTURES, file));
      expect(response.status).toBe(202);
      const done = await waitForTerminal(t.http, f.apiKey, `/v1/segments/${response.body.id}`);
      expect(done.status).toBe('classified');
      return { streamId, id: response.body.id as string };
    }

    let benign: { streamId: string; id: string };
    let flagged: { streamId: string; id: string };
    let flagId: string;
    let benignPost: string;
    let flaggedPost: string;

    beforeAll(async () => {
      backends = await makeBackends();
      // The periodic sweep is off: the test runs it when it has moved the clock.
      store = await makeStore?.();
      const video = readFileSync(join(FIXTURES, 'segment-benign-overlay.ts'));
      media = createServer((request, response) => {
        if (request.url === '/cat.ts') return void response.writeHead(200, { 'Content-Type': 'video/mp2t' }).end(video);
        response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
      mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
      // The media server is on loopback, which the fetcher refuses unless told otherwise.
      t = await startTestApp(
        backends,
        { RETENTION_SWEEP_MS: '0', SEGMENT_FETCH_ALLOW_PRIVATE: 'true', ...store?.env },
        clock,
      );
      const platform = await t.createPlatform();
      platformId = platform.id;
      f = new ReviewFixture(t, platform.apiKey);
      reviewer = (await t.createStaff('reviewer')).token;
      officer = (await t.createStaff('compliance')).token;
      sweep = t.app.get(RetentionSweep);
      benign = await upload('segment-benign-overlay.ts', 'cooking-room');
      flagged = await upload('segment-gambling-overlay.ts', 'casino-room');
      const flags = await f.openFlags(flagged.streamId, 'gambling');
      expect(flags).toHaveLength(1);
      flagId = flags[0].id;
      expect(await f.openFlags(benign.streamId)).toEqual([]);
      benignPost = await post('garden-post', '今天的风景真好看');
      flaggedPost = await post('casino-post', '澳门百家乐真人荷官在线，加微信上分，包赢');
      expect(await f.openFlags(flaggedPost, 'gambling')).toHaveLength(1);
    });
    afterAll(async () => {
      await new Promise((resolve) => media?.close(resolve));
      await t?.close();
      await backends?.cleanup();
      await store?.close();
    });

    it('keeps everything within the 7 days', async () => {
      clock.advance(7 * DAY - 60_000);
      expect(await sweep.sweep()).toMatchObject({ segments: 0, putOff: 0 });
      expect((await segment(benign.id)).mediaDeleted).toBeNull();
      expect(await stored(`media/${platformId}/segments/${benign.id}.ts`)).toBe(true);
      expect(await sweeps()).toBe(0);
    });

    it('deletes the benign media after 7 days and keeps the flagged evidence for its open flag', async () => {
      clock.advance(DAY);
      const run = await sweep.sweep();
      expect(run).toMatchObject({ segments: 1, posts: 1, purged: { benign: 2, unflagged: 0, evidence: 0 }, putOff: 2 });
      expect(run!.frames).toBeGreaterThan(0);

      const gone = await segment(benign.id);
      expect(gone.status).toBe('classified');
      expect(gone.mediaDeleted).toMatchObject({ by: 'retention', message: 'media deleted by retention' });
      const postFrames = (await postGet(benignPost)).results.frames;
      expect(run!.frames).toBe(gone.results.frames.length + postFrames.length);
      expect(postFrames.every((frame) => frame.imageDeletedAt !== null)).toBe(true);
      expect(gone.results.frames.every((frame) => frame.imageDeletedAt === gone.mediaDeleted!.at)).toBe(true);
      expect(await stored(`media/${platformId}/segments/${benign.id}.ts`)).toBe(false);
      expect(await stored(`frames/${platformId}/segment-${benign.id}`)).toBe(false);
      const image = await t.http().get(gone.results.frames[0].imageUrl).set(as(f.apiKey));
      expect(image.status).toBe(410);
      expect(image.body).toMatchObject({ code: 'media_deleted_by_retention', message: expect.any(String) });
      expect(JSON.stringify(image.body)).not.toContain(t.config.dataDir);
      // The benign post's upload and its frame go too; the flagged post's stay for its open flag.
      expect((await postGet(benignPost)).mediaDeleted).toMatchObject({ message: 'media deleted by retention' });
      expect(await stored(`media/${platformId}/posts/${benignPost}`)).toBe(false);
      expect(await stored(`frames/${platformId}/post-${benignPost}`)).toBe(false);
      expect((await postGet(flaggedPost)).mediaDeleted).toBeNull();
      expect(await stored(`media/${platformId}/posts/${flaggedPost}`)).toBe(true);

      const kept = await segment(flagged.id);
      expect(kept.mediaDeleted).toBeNull();
      expect(await stored(`media/${platformId}/segments/${flagged.id}.ts`)).toBe(true);
      expect(kept.results.frames.every((frame) => frame.imageDeletedAt === null)).toBe(true);
      const detail = (await t.http().get(`/v1/review/flags/${flagId}`).set(as(reviewer))).body;
      const evidence = detail.evidence.find((e: { imageUrl?: string }) => e.imageUrl);
      expect(evidence.imageDeletedAt).toBeNull();
      const served = await t.http().get(evidence.imageUrl).set(as(reviewer)).buffer(true);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');

      // A run is audited with what it deleted, the policy version and its cut-offs.
      const entry = await t.app.get(AuditLog).latest('retention.swept');
      expect(JSON.parse(entry!.data)).toMatchObject({
        byClass: { benign: 2, unflagged: 0, evidence: 0 },
        deleted: { segments: 1, posts: 1, frames: run!.frames },
        items: { segment: [benign.id], post: [benignPost] },
        cutoffs: { benignFinishedBefore: new Date(clock.now().getTime() - 7 * DAY).toISOString() },
        policyVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      });

      const metrics = (await t.http().get('/metrics')).text;
      expect(metrics).toMatch(/qinglang_retention_deleted_total\{kind="segment",class="benign"\} 1\b/);
      expect(metrics).toMatch(/qinglang_retention_deleted_total\{kind="post",class="benign"\} 1\b/);

      // Run again: nothing is due (the held item was put off a day), nothing deleted, nothing audited.
      expect(await sweep.sweep()).toMatchObject({ segments: 0, putOff: 0 });
      expect(await sweeps()).toBe(1);
    });

    it('redoes a run that died after deleting files, and audits it then', async () => {
      const [first, second] = [await post('crash-post-1', '早餐吃什么'), await post('crash-post-2', '周末去爬山')];
      clock.advance(8 * DAY);
      // The worker dies after deleting both posts' files, before the transaction that marks and audits them.
      const dying = jest
        .spyOn(t.app.get(ItemMediaRetention), 'markPurged')
        .mockRejectedValueOnce(new Error('worker died'));
      try {
        await expect(sweep.sweep()).rejects.toThrow('worker died');
      } finally {
        dying.mockRestore();
      }
      expect(await stored(`media/${platformId}/posts/${first}`)).toBe(false);
      expect(await stored(`media/${platformId}/posts/${second}`)).toBe(false);
      expect((await postGet(first)).mediaDeleted).toBeNull();
      expect(await sweeps()).toBe(1);

      expect(await sweep.sweep()).toMatchObject({ posts: 2, purged: { benign: 2 } });
      expect((await postGet(first)).mediaDeleted).not.toBeNull();
      expect((await postGet(second)).mediaDeleted).not.toBeNull();
      const entry = JSON.parse((await t.app.get(AuditLog).latest('retention.swept'))!.data);
      expect(entry.items).toMatchObject({ count: 2, listed: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(entry.items.post.sort()).toEqual([first, second].sort());
      expect(await sweeps()).toBe(2);
    });

    it("deletes what no row names: a post's video fetched by URL, the frames a failed sampling left", async () => {
      const accepted = await t
        .http()
        .post('/v1/posts')
        .set(as(f.apiKey))
        .send({
          externalId: 'video-post',
          authorId: 'video-post-author',
          text: '看看我的小猫',
          videoUrl: `${mediaUrl}/cat.ts`,
        });
      expect(accepted.status).toBe(202);
      const videoPost = accepted.body.id as string;
      expect((await waitForTerminal(t.http, f.apiKey, `/v1/posts/${videoPost}`)).status).toBe('classified');
      expect(await stored(`media/${platformId}/posts/${videoPost}/video.fetched`)).toBe(true);
      expect(await stored(`frames/${platformId}/post-${videoPost}`)).toBe(true);

      // A segment whose sampling failed has no frame rows; files a crashed ffmpeg left stay in its folder.
      const streamId = await f.stream('failed-room', 'failed-room-host');
      const failing = await t
        .http()
        .post(`/v1/streams/${streamId}/segments`)
        .set(as(f.apiKey))
        .send({ url: `${mediaUrl}/gone.ts` });
      expect(failing.status).toBe(202);
      const failed = failing.body.id as string;
      expect((await waitForTerminal(t.http, f.apiKey, `/v1/segments/${failed}`)).status).toBe('failed');
      const scratch = await mkdtemp(join(tmpdir(), 'retention-'));
      try {
        for (const name of ['000001.jpg', '000002.rgba']) {
          await writeFile(join(scratch, name), Buffer.alloc(1024, 7));
          await t.app.get(MediaStore).adopt(join(scratch, name), `frames/${platformId}/segment-${failed}/${name}`);
        }
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
      expect(await stored(`frames/${platformId}/segment-${failed}/000002.rgba`)).toBe(true);

      clock.advance(8 * DAY);
      expect(await sweep.sweep()).toMatchObject({ segments: 1, posts: 1, failed: 0 });
      expect(await stored(`media/${platformId}/posts/${videoPost}`)).toBe(false);
      expect(await stored(`frames/${platformId}/post-${videoPost}`)).toBe(false);
      expect(await stored(`frames/${platformId}/segment-${failed}`)).toBe(false);
      expect((await postGet(videoPost)).mediaDeleted).not.toBeNull();
      expect(await sweeps()).toBe(3);
    });

    it("puts off an item that cannot be deleted, names it in the run's entry, and deletes and audits the rest", async () => {
      const [stuck, fine] = [await post('stuck-post', '我的书架'), await post('fine-post', '新买的台灯')];
      clock.advance(8 * DAY);
      const mediaStore = t.app.get(MediaStore);
      const removeFolder = mediaStore.removeFolder.bind(mediaStore);
      // The store refuses one post's folder (a lock, a deny rule, a file it may not unlink): a test double
      // downstream of the sweep, as the tests run as root, for whom chmod denies nothing.
      const refusing = jest.spyOn(mediaStore, 'removeFolder').mockImplementation((folder: string) => {
        if (folder === `media/${platformId}/posts/${stuck}`)
          return Promise.reject(
            Object.assign(new Error(`EACCES: permission denied, rmdir '${t.config.dataDir}/${folder}'`), {
              code: 'EACCES',
            }),
          );
        return removeFolder(folder);
      });
      try {
        expect(await sweep.sweep()).toMatchObject({ posts: 1, failed: 1 });
        const data = (await t.app.get(AuditLog).latest('retention.swept'))!.data;
        expect(JSON.parse(data)).toMatchObject({
          deleted: { posts: 1 },
          items: { count: 1, post: [fine] },
          failures: [{ kind: 'post', id: stuck, code: 'EACCES' }],
          failureCount: 1,
        });
        expect(data).not.toContain(t.config.dataDir);
        expect(data).not.toContain('permission denied');
        expect((await postGet(fine)).mediaDeleted).not.toBeNull();
        expect(await stored(`media/${platformId}/posts/${fine}`)).toBe(false);
        expect((await postGet(stuck)).mediaDeleted).toBeNull();
        expect(await stored(`media/${platformId}/posts/${stuck}`)).toBe(true);
        // It is put off, not retried at once by every run.
        expect(await sweep.sweep()).toMatchObject({ looked: 0 });
      } finally {
        refusing.mockRestore();
      }
      expect(await sweeps()).toBe(4);

      clock.advance(DAY);
      expect(await sweep.sweep()).toMatchObject({ posts: 1, failed: 0 });
      expect(await stored(`media/${platformId}/posts/${stuck}`)).toBe(false);
      expect((await postGet(stuck)).mediaDeleted).not.toBeNull();
      expect(await sweeps()).toBe(5);
    });

    it('stops deleting at once when its lease was taken over while it worked', async () => {
      const [first, second] = [await post('stall-post-1', '雨后的街道'), await post('stall-post-2', '下午茶')];
      clock.advance(8 * DAY);
      const mediaStore = t.app.get(MediaStore);
      const removeFolder = mediaStore.removeFolder.bind(mediaStore);
      const other = new SweepLease(t.app.get(DataSource), clock, 'another-worker', 60_000);
      let stalled = false;
      // The worker stalls past its lease in the first item's deletions; another takes the sweep meanwhile.
      const stalling = jest.spyOn(mediaStore, 'removeFolder').mockImplementation(async (folder: string) => {
        if (!stalled && folder.startsWith(`media/${platformId}/posts/`)) {
          stalled = true;
          clock.advance(11 * 60_000);
          expect(await other.take()).toBe(true);
        }
        return removeFolder(folder);
      });
      try {
        await expect(sweep.sweep()).rejects.toThrow(SweepLeaseLost);
      } finally {
        stalling.mockRestore();
      }
      // One post's media went before the lease was checked again; the other's is left to the new holder.
      const left = [
        await stored(`media/${platformId}/posts/${first}`),
        await stored(`media/${platformId}/posts/${second}`),
      ];
      expect(left.sort()).toEqual([false, true]);
      expect(await sweeps()).toBe(5);
      await other.release();
      expect(await sweep.sweep()).toMatchObject({ posts: 2 });
      expect(await sweeps()).toBe(6);
    });

    it('leaves the sweep to the worker holding it, and takes it over once that lease lapses', async () => {
      // Two calls at once in one process: one runs, the other finds the sweep held; the lease is free after.
      const both = await Promise.all([sweep.sweep(), sweep.sweep()]);
      expect(both.filter((run) => run === null)).toHaveLength(1);
      const other = new SweepLease(t.app.get(DataSource), clock, 'another-worker', 60_000);
      expect(await other.take()).toBe(true);
      // Not re-entrant: the holder taking it again is refused too.
      expect(await other.take()).toBe(false);
      expect(await sweep.sweep()).toBeNull();
      clock.advance(61_000);
      expect(await sweep.sweep()).not.toBeNull();
      // The worker whose lease lapsed and was taken cannot mark anything any more.
      await expect(other.renew()).rejects.toThrow(/taken over/);
    });

    it('keeps the evidence for the compliance period after the decision, then deletes it; reports stand', async () => {
      const decidedAt = clock.now();
      const { sanction } = await f.claimAndConfirm(reviewer, flagId, 'gambling_promotion');
      expect(sanction.action).toBe('warning');
      const before = await report();
      expect(before).toMatchObject({ sanctions: { total: 1 }, flags: { opened: 2, confirmed: 1 } });

      clock.set(new Date(decidedAt.getTime() + 1095 * DAY - 60_000));
      expect(await sweep.sweep()).toMatchObject({ segments: 0 });
      expect(await stored(`media/${platformId}/segments/${flagged.id}.ts`)).toBe(true);

      clock.advance(2 * 60_000);
      // Staff tokens last 90 days: the people looking now hold new ones.
      reviewer = (await t.createStaff('reviewer')).token;
      officer = (await t.createStaff('compliance')).token;
      const run = await sweep.sweep();
      expect(run).toMatchObject({ segments: 1, posts: 0, purged: { benign: 0, unflagged: 0, evidence: 1 } });
      const gone = await segment(flagged.id);
      expect(gone.mediaDeleted).toMatchObject({ message: 'media deleted by retention' });
      expect(await stored(`media/${platformId}/segments/${flagged.id}.ts`)).toBe(false);
      expect(await stored(`frames/${platformId}/segment-${flagged.id}`)).toBe(false);

      // The records stay: the flag with its evidence rows, the reviewer's image answers 410 with a code.
      const detail = await t.http().get(`/v1/review/flags/${flagId}`).set(as(reviewer));
      expect(detail.status).toBe(200);
      expect(detail.body.evidence.length).toBeGreaterThan(0);
      const evidence = detail.body.evidence.find((e: { imageUrl?: string }) => e.imageUrl);
      expect(evidence.imageDeletedAt).toBe(gone.mediaDeleted!.at);
      const image = await t.http().get(evidence.imageUrl).set(as(reviewer));
      expect(image.status).toBe(410);
      expect(image.body.code).toBe('media_deleted_by_retention');

      // The transparency report and the audit log read rows, never media.
      expect(await report()).toEqual(before);
      const verified = await t.http().get('/v1/audit/verify').set(as(officer));
      expect(verified.status).toBe(200);
      expect(verified.body.ok).toBe(true);
      expect(await sweeps()).toBe(7);
      // The post's flag was never decided: open flags are never purged, whatever the time.
      expect((await postGet(flaggedPost)).mediaDeleted).toBeNull();
      expect(await stored(`media/${platformId}/posts/${flaggedPost}`)).toBe(true);
    });
  });
}
