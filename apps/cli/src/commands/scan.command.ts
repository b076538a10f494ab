import { Command } from 'commander';
import type { ScanOptions } from './scan';

export function registerScanCommand(program: Command): void {
  program
    .command('scan <video>')
    .description('Sample and classify a local video (.ts, .mp4, .flv) and print what was found, with times')
    .option('--interval <seconds>', 'one frame every N seconds', '2')
    .option('--ocr-every <n>', 'OCR the overlay bands of every Nth frame (0: never)', '1')
    .option('--json', 'JSON lines: one per frame, then a summary')
    // ffmpeg, the models and OCR load only when a scan runs.
    .action(async (file: string, options: ScanOptions) => (await import('./scan')).scan(file, options));
}
