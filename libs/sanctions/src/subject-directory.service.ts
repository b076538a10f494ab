import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  /**
   * Read by id in the caller's transaction when given one: a sanction being issued must not wait for a second
   * pooled connection while it holds the first (enough concurrent confirmations would exhaust the pool).
   */
  async of(flag: Flag, manager?: EntityManager, accountId = flag.accountId): Promise<FlagSubjectFacts> {
    const account = await this.accounts.findById(accountId, manager);
    const accountRef = { id: accountId, externalId: account?.externalId ?? null };
    // A cluster's subject is the room its senders flooded: named in each sender's statement, never acted on.
    if (flag.subjectKind === 'stream' || flag.subjectKind === 'cluster') {
      const stream = await this.streams.findById(flag.subjectId, manager);
      return {
        account: accountRef,
        subject: {
          kind: 'stream',
          id: flag.subjectId,
          externalId: stream?.externalId ?? null,
          status: stream?.status ?? null,
        },
        live: flag.subjectKind === 'stream' && stream?.status === 'live',
      };
    }
    if (flag.subjectKind === 'post') {
      const post = await this.posts.findById(flag.subjectId, manager);
      return {
        account: accountRef,
        subject: { kind: 'post', id: flag.subjectId, externalId: post?.externalId ?? null },
        live: false,
      };
    }
    return {
      account: accountRef,
      subject: { kind: 'account', id: flag.subjectId, externalId: accountRef.externalId },
      live: false,
    };
  }
}
