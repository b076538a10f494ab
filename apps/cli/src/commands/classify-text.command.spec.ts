import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createTextClassifier } from '@qinglang/text-classifier';
import { classifyStream } from './classify-text.command';

const ROOT = join(__dirname, '..', '..', '..', '..');

async function run(input: string[]): Promise<Array<Record<string, unknown>>> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (chunk) => (written += chunk));
  const done = classifyStream(createTextClassifier(), stdin, stdout);
  stdin.end(input.join('\n'));
  await done;
  return written
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('classify-text', () => {
  it('answers every input line in order, with an error line for a bad one', async () => {
    const output = await run([
      JSON.stringify({ id: 'a', text: '有玩百家乐的加我V' }),
      'not json',
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify({ id: 'd', text: '谢谢老板的火箭' }),
      '',
      JSON.stringify({ id: 'e', text: '刷十个火箭加主播微信' }),
    ]);
    expect(output.map((line) => line.id)).toEqual(['a', null, 7, 'd', 'e']);
    expect(output[0]).toMatchObject({ flagged: ['gambling'] });
    expect(Object.keys(output[0]).sort()).toEqual(['evidence', 'flagged', 'id', 'scores']);
    expect(Object.keys(output[0].scores as object).sort()).toEqual(['gambling', 'porn', 'tipping']);
    expect(output[1]).toEqual({ id: null, error: 'invalid JSON' });
    expect(output[2]).toEqual({ id: 7, error: 'text must be a string' });
    expect(output[3]).toMatchObject({ flagged: [], evidence: [] });
    expect(output[4].flagged).toContain('tipping');
  });

  it('writes an answer before its input has ended (streaming)', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const done = classifyStream(createTextClassifier(), stdin, stdout);
    stdin.write(`${JSON.stringify({ id: 1, text: '百家乐' })}\n`);
    const first = await new Promise<string>((resolve) => stdout.once('data', (chunk) => resolve(String(chunk))));
    expect(JSON.parse(first)).toMatchObject({ id: 1, flagged: ['gambling'] });
    stdin.end();
    await done;
  });

  it('runs as `cli classify-text` without a database or Nest', async () => {
    const child = execFile(
      'node',
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/cli/src/main.ts',
        'classify-text',
      ],
      // An unusable DATABASE_URL proves the command never opens the database.
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } },
    );
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stdin!.end(`${JSON.stringify({ id: 'x', text: '澳门新葡京' })}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: 'x', flagged: ['gambling'] });
  });
});
