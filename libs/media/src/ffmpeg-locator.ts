import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg';

export interface FfmpegBinary {
  path: string;
  source: FfmpegSource;
  version: string;
}

function optionalPath(load: () => string | null | undefined): string | undefined {
  try {
    const path = load();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * FFMPEG_PATH wins; then ffmpeg-static (optional: its install downloads, which fails offline); then the binary
 * that ships inside @ffmpeg-installer's platform package. Throws naming all three when none is there.
 */
export function locateFfmpeg(configuredPath?: string): FfmpegBinary {
  const candidates: Array<[FfmpegSource, string | undefined]> = [
    ['FFMPEG_PATH', configuredPath && existsSync(configuredPath) ? configuredPath : undefined],
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional package: absent when its download failed
    ['ffmpeg-static', optionalPath(() => require('ffmpeg-static') as string | null)],
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when the earlier choices are missing
    ['@ffmpeg-installer/ffmpeg', optionalPath(() => (require('@ffmpeg-installer/ffmpeg') as { path: string }).path)],
  ];
  if (configuredPath && !candidates[0][1]) throw new Error(`FFMPEG_PATH=${configuredPath} does not exist`);
  const found = candidates.find(([, path]) => path);
  if (!found)
    throw new Error('No ffmpeg binary: set FFMPEG_PATH, or install ffmpeg-static or @ffmpeg-installer/ffmpeg');
  const [source, path] = found as [FfmpegSource, string];
  const version = execFileSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 })
    .split('\n')[0]
    .trim();
  return { path, source, version };
}
