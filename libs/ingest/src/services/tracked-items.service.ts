import { Injectable } from '@nestjs/common';
import type { FlaggedItem } from '@qinglang/queue';
import type { TrackedItem } from '../entities/tracked-item';
import { BatchesService } from './batches.service';
import { ItemLifecycle } from './item-lifecycle';
import { PostsService } from './posts.service';
import { SegmentsService } from './segments.service';

/** The lifecycle of any kind of item, for stages shared by all kinds (flagging, finishing). */
@Injectable()
export class TrackedItems {
  constructor(
    private readonly segments: SegmentsService,
    private readonly posts: PostsService,
    private readonly batches: BatchesService,
  ) {}

  of(kind: FlaggedItem['kind']): ItemLifecycle<TrackedItem> {
    const lifecycles: Record<FlaggedItem['kind'], ItemLifecycle<TrackedItem>> = {
      segment: this.segments.lifecycle,
      post: this.posts.lifecycle,
      text_batch: this.batches.textLifecycle,
      tip_batch: this.batches.tipLifecycle,
    };
    return lifecycles[kind];
  }
}
