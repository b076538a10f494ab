import { createTextClassifier } from '@qinglang/text-classifier';
import type { FramesService } from '@qinglang/media';
import { ItemResultsService, RESCORED_CHARACTERS_PER_READ } from './item-results.service';
import type { SignalsService } from './signals.service';
import type { TextSignals } from './text-signals.service';

/** Scoring lines again when read: the real text classifier, behind the one method the service calls. */
describe('ItemResultsService.rescoreTexts', () => {
  const classifier = createTextClassifier();
  const text = (loaded: boolean) =>
    ({
      model: 'qinglang-text',
      version: 'test',
      classifyIfLoaded: (line: string) => (loaded ? classifier.classify(line) : undefined),
    }) as unknown as TextSignals;
  const service = (loaded = true) => new ItemResultsService({} as FramesService, {} as SignalsService, text(loaded));

  it('scores every line of a page of short lines, in order', async () => {
    const lines = ['主播晚上好', '加微信领彩金，百家乐稳赚', '今天天气不错'];
    const scores = await service().rescoreTexts(lines);
    expect(scores).toHaveLength(3);
    expect(scores![1].scores.gambling).toBeGreaterThan(scores![0].scores.gambling);
    expect(scores![1].model).toEqual({ name: 'qinglang-text', version: 'test' });
  });

  it('stops at the read budget: long lines past it are left unscored (null in the view), never seconds of CPU', async () => {
    const long = '加微信领彩金百家乐稳赚'.repeat(200).slice(0, 2000);
    const lines = Array.from({ length: 1000 }, (_, i) => `${long.slice(0, 1990)}${i}`);
    const scores = await service().rescoreTexts(lines);
    let within = 0;
    for (let total = 0; (total += lines[within].length) <= RESCORED_CHARACTERS_PER_READ;) within++;
    expect(within).toBeGreaterThan(10);
    expect(scores).toHaveLength(within);
  });

  it('answers null, at once, while the text model is not loaded', async () => {
    expect(await service(false).rescoreTexts(['主播晚上好'])).toBeNull();
  });
});
