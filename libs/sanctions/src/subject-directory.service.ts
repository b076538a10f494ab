import { Injectable } from '@nestjs/common';
import { AccountsService, PostsService, StreamsService } from '@qinglang/ingest';
import type { Flag } from '@qinglang/flagging';
import type { JsonObject } from '@qinglang/persistence';

export interface FlagSubjectFacts {
  account: { id: string; externalId: string | null };
  subject: JsonObject;
  /** A live stream can be cut. */
  live: boolean;
}

/** The platform's own ids for a flag's account and content: what the platform needs to act on a sanction. */
@Injectable()
export class SubjectDirectory {
  constructor(
    private readonly accounts: AccountsService,
    private readonly streams: StreamsService,
    private readonly posts: PostsService,
  ) {}

  async of(flag: Flag): Promise<FlagSubjectFacts> {
    const account = await this.accounts.findById(flag.accountId);
    const accountRef = { id: flag.accountId, externalId: account?.externalId ?? null };
    if (flag.subjectKind === 'stream') {
      const stream = await this.streams.findById(flag.subjectId);
      return { account: accountRef, subject: { kind: 'stream', id: flag.subjectId, externalId: stream?.externalId ?? null, status: stream?.status ?? null }, live: stream?.status === 'live' };
    }
    if (flag.subjectKind === 'post') {
      const post = await this.posts.lifecycle.get(flag.subjectId);
      return { account: accountRef, subject: { kind: 'post', id: flag.subjectId, externalId: post?.externalId ?? null }, live: false };
    }
    return { account: accountRef, subject: { kind: 'account', id: flag.subjectId, externalId: accountRef.externalId }, live: false };
  }
}
