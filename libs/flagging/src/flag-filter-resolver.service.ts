import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountsService, PostsService, StreamsService } from '@qinglang/ingest';
import { ApiError } from '@qinglang/operations';
import { Flag } from './flag.entity';
import { FlagSubjectQuery, SubjectKind, subjectLookupOf } from './flag-subject-filter';

/**
 * Turns a platform's flag filters into Qinglang's ids, refusing what the platform has not sent (400 unknown_subject,
 * unknown_account): an id Qinglang does not know would otherwise answer an empty list that reads as "no flags".
 */
@Injectable()
export class FlagFilterResolver {
  constructor(
    private readonly streams: StreamsService,
    private readonly posts: PostsService,
    private readonly accounts: AccountsService,
    @InjectRepository(Flag) private readonly flags: Repository<Flag>,
  ) {}

  async resolve(
    platformId: string,
    query: FlagSubjectQuery,
  ): Promise<{ subjectKind?: SubjectKind; subjectId?: string; accountId?: string }> {
    const lookup = subjectLookupOf(query);
    const resolved: { subjectKind?: SubjectKind; subjectId?: string; accountId?: string } = {
      subjectKind: query.subjectKind,
    };
    if (lookup.kind === 'external') {
      const found = await this.byExternalId(platformId, lookup.subjectKind, lookup.externalId);
      if (!found)
        throw new ApiError(
          400,
          'unknown_subject',
          `You have sent Qinglang no ${lookup.subjectKind} with the id ${lookup.externalId}.`,
        );
      resolved.subjectId = found;
    }
    if (lookup.kind === 'id') {
      if (!(await this.known(platformId, lookup.subjectKind, lookup.id)))
        throw new ApiError(
          400,
          'unknown_subject',
          `No ${lookup.subjectKind ?? 'stream, post or account'} of yours has Qinglang's id ${lookup.id} (for your own id, use subjectExternalId with subjectKind).`,
        );
      resolved.subjectId = lookup.id;
    }
    if (query.accountExternalId) {
      const account = await this.accounts.findByExternalId(platformId, query.accountExternalId);
      if (!account)
        throw new ApiError(400, 'unknown_account', `Qinglang has seen no account ${query.accountExternalId} of yours.`);
      resolved.accountId = account.id;
    }
    return resolved;
  }

  private async byExternalId(
    platformId: string,
    kind: 'stream' | 'post' | 'account',
    externalId: string,
  ): Promise<string | undefined> {
    const found =
      kind === 'stream'
        ? await this.streams.findByExternalId(platformId, externalId)
        : kind === 'post'
          ? await this.posts.findByExternalId(platformId, externalId)
          : await this.accounts.findByExternalId(platformId, externalId);
    return found?.id;
  }

  private async known(platformId: string, kind: SubjectKind | undefined, id: string): Promise<boolean> {
    const ofPlatform = (row: { platformId: string } | null) => row?.platformId === platformId;
    if (kind === 'stream') return ofPlatform(await this.streams.findById(id));
    if (kind === 'post') return ofPlatform(await this.posts.findById(id));
    if (kind === 'account') return ofPlatform(await this.accounts.findById(id));
    // A cluster is a flood Qinglang found in a stream's chat, named by that stream's id: known when the stream is
    // the platform's, or when the platform has a cluster flag by that id.
    if (kind === 'cluster')
      return (
        ofPlatform(await this.streams.findById(id)) ||
        this.flags.existsBy({ platformId, subjectKind: 'cluster', subjectId: id })
      );
    return (
      ofPlatform(await this.streams.findById(id)) ||
      ofPlatform(await this.posts.findById(id)) ||
      ofPlatform(await this.accounts.findById(id))
    );
  }
}
