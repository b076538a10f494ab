import { FfmpegError, runFfmpeg } from './ffmpeg-runner';

// Node stands in for ffmpeg: a child that prints a log of any size on stderr and exits as told.
const chatty = (bytes: number, last: string, exitCode: number) => [
  '-e',
  `process.stderr.write('x'.repeat(${bytes}) + '\\n' + ${JSON.stringify(last)}, () => process.exit(${exitCode}))`,
];

describe('runFfmpeg: a log of any length', () => {
  it("keeps the log's real end when it is far longer than the head it keeps", async () => {
    const failure = await runFfmpeg(
      process.execPath,
      chatty(8 * 1024 * 1024, 'moov atom not found', 1),
      30_000,
      0,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FfmpegError);
    expect((failure as FfmpegError).stderrTail.endsWith('\nmoov atom not found')).toBe(true);
  });

  it('bounds the head and returns the tail of a run that succeeds', async () => {
    const run = await runFfmpeg(process.execPath, chatty(3 * 1024 * 1024, 'done', 0), 30_000, 0);
    expect(run.stderrHead.length).toBe(1024 * 1024);
    expect(run.stderrTail.endsWith('\ndone')).toBe(true);
    expect(run.stderrTail.length).toBeLessThanOrEqual(4000);
  });
});

describe('runFfmpeg: through the helper process', () => {
  it('kills a run at its time limit, and says so', async () => {
    const failure = await runFfmpeg(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], 300, 0).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FfmpegError);
    expect((failure as FfmpegError).timedOut).toBe(true);
  });

  it('returns stdout bytes whole, and refuses more than allowed', async () => {
    const print = (bytes: number) => ['-e', `process.stdout.write(Buffer.alloc(${bytes}, 7))`];
    const run = await runFfmpeg(process.execPath, print(70_000), 30_000, 100_000);
    expect(run.stdout.length).toBe(70_000);
    expect(run.stdout.every((byte) => byte === 7)).toBe(true);
    await expect(runFfmpeg(process.execPath, print(200_000), 30_000, 100_000)).rejects.toThrow(/more than 100000/);
  });

  it('fails a binary that does not exist as one that could not start', async () => {
    await expect(runFfmpeg('/nonexistent/ffmpeg', [], 30_000, 0)).rejects.toThrow(/could not start/);
  });
});
