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
