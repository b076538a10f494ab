import { SignalsService } from '@qinglang/classifier';
import type { Signal } from '@qinglang/classifier';
import { FlaggingService } from '@qinglang/flagging';
import { StreamsService } from '@qinglang/ingest';
import { newId } from '@qinglang/persistence';
import { SubjectFlagProcessor } from '../../libs/flagging/src/subject-flag.processor';
import { useEmbeddedApp } from '../helpers/test-app';

/** Weak evidence spread over an account's streams adds up to an account flag that no single stream reaches. */
describe('account-level flags', () => {
  const fixture = useEmbeddedApp();

  const weakGamblingSignal = (platformId: string, streamId: string): Signal =>
    Object.assign({} as Signal, {
      id: newId(),
      platformId,
      sourceKind: 'text_line' as const,
      sourceId: newId(),
      model: 'test-model',
      modelVersion: '1',
      scores: { gambling: 0.4 },
      topLabel: 'gambling',
      subjectKind: 'stream' as const,
      subjectId: streamId,
      categories: { gambling: 0.4, porn: 0, tipping: 0 },
      detail: { text: '有局吗' },
      streamTimeMs: null,
      createdAt: new Date(),
    });

  it('opens one account flag from two streams whose own evidence stays under the threshold', async () => {
    const t = fixture.app;
    const { id: platformId, apiKey } = await t.createPlatform();
    const auth = { Authorization: `Bearer ${apiKey}` };
    const streams = t.app.get(StreamsService);
    const a = (await t.http().post('/v1/streams').set(auth).send({ externalId: 'a', streamerId: 'host' })).body.id;
    const b = (await t.http().post('/v1/streams').set(auth).send({ externalId: 'b', streamerId: 'host' })).body.id;
    const accountId = (await streams.findById(a))!.accountId;
    const flagging = t.app.get(FlaggingService);
    const processor = t.app.get(SubjectFlagProcessor);

    await t.app.get(SignalsService).recordNew([weakGamblingSignal(platformId, a)]);
    expect(await flagging.evaluate({ kind: 'stream', id: a, platformId, accountId })).toEqual([]);
    await processor.evaluateAccount(platformId, accountId);
    expect((await t.http().get('/v1/flags').set(auth)).body.flags).toEqual([]);

    await t.app.get(SignalsService).recordNew([weakGamblingSignal(platformId, b)]);
    expect(await flagging.evaluate({ kind: 'stream', id: b, platformId, accountId })).toEqual([]);
    await processor.evaluateAccount(platformId, accountId);
    const flags = (await t.http().get('/v1/flags').set(auth)).body.flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      category: 'gambling',
      subject: { kind: 'account', id: accountId },
      account: { externalId: 'host' },
      evidenceCount: 2,
      confidence: 0.64,
    });
  });
});
