import { Body, Controller, Get, Inject, Param, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { CreatePostDto } from '../dto/post.dto';
import { PostUploadBody } from '../dto/upload-bodies.dto';
import { PostsService } from '../services/posts.service';
import { AccountsService } from '../services/accounts.service';
import { FLAG_LINKS, FlagLinksReader, ITEM_RESULTS, ItemResultsReader } from '../services/item-results';
import { FRAME_PAGE, FramePageQuery, pageOf } from '../dto/item-page.dto';
import { flagLookupIds } from '../item-result-views';
import { UploadedMedia } from '../services/upload-checks';
import { PostResultsView, frameResultsView, postResultsView, postView } from '../views';
import type { Post as PostEntity } from '../entities/post.entity';
import { AcceptsWork } from './accepts-work.guard';
import { PostResponse } from '../ingest.responses';
import { ApiError, ApiErrors } from '@qinglang/operations';

export const MAX_POST_IMAGES = 9;

@ApiTags('posts')
@AcceptsWork()
@Controller('v1/posts')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly accounts: AccountsService,
    @Inject(ITEM_RESULTS) private readonly results: ItemResultsReader,
    @Inject(FLAG_LINKS) private readonly flagLinks: FlagLinksReader,
  ) {}

  @Post()
  @UseInterceptors(
    FileFieldsInterceptor([
      { name: 'images', maxCount: MAX_POST_IMAGES },
      { name: 'video', maxCount: 1 },
    ]),
  )
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(PostUploadBody) }, { $ref: getSchemaPath(CreatePostDto) }] },
    description: 'multipart/form-data with `images` and `video`, or JSON (text, `videoUrl`)',
  })
  @ApiExtraModels(PostUploadBody, CreatePostDto)
  @ApiOperation({
    summary: 'Submit a self-media post: text, up to 9 `images`, an optional `video` (or `videoUrl`); 202 queued',
  })
  @ApiAcceptedResponse({ type: PostResponse, description: 'Queued' })
  @ApiOkResponse({ type: PostResponse, description: 'Sent before (the same externalId): the same post' })
  @ApiErrors({
    400: ['video_and_video_url', 'empty_upload', 'invalid_url'],
    415: ['unsupported_media_type'],
    429: ['quota_exceeded'],
  })
  async create(
    @CurrentPlatform() platform: Platform,
    @Body() body: CreatePostDto,
    @UploadedFiles() files: { images?: UploadedMedia[]; video?: UploadedMedia[] } | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { post, created } = await this.posts.accept(
      {
        platformId: platform.id,
        externalId: body.externalId,
        authorId: body.authorId,
        text: body.text ?? '',
        videoUrl: body.videoUrl,
      },
      files?.images ?? [],
      files?.video?.[0],
    );
    response.status(created ? 202 : 200);
    return this.view(post);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "A post's status and its images' and video's frames (a page of them) with what each model found, and the flags they joined",
  })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors({ 404: ['post_not_found'] })
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Query() query: FramePageQuery) {
    return this.withResults(platform, await this.posts.lifecycle.getForPlatform(platform.id, id), query);
  }

  // Two segments, so it never meets `:id`: a platform's own id may be anything, `external` included.
  @Get('external/:externalId')
  @ApiOperation({
    summary:
      'The same as GET /v1/posts/{id}, for the post by your own id for it (the `externalId` you sent, URL-encoded)',
  })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors({ 404: ['post_not_found'] })
  async getByExternalId(
    @CurrentPlatform() platform: Platform,
    @Param('externalId') externalId: string,
    @Query() query: FramePageQuery,
  ) {
    const post = await this.posts.findByExternalId(platform.id, externalId);
    // The same answer for another platform's id as for an unknown one: no way to learn what others sent.
    if (!post) throw new ApiError(404, 'post_not_found', `No such post: ${externalId}`);
    return this.withResults(platform, post, query);
  }

  private async withResults(platform: Platform, post: PostEntity, query: FramePageQuery) {
    const page = pageOf(query, FRAME_PAGE);
    const found = await this.results.forSource(platform.id, 'post', post.id, page);
    const text = (await this.results.forTexts('post_text', [post.id])).get(post.id);
    const flags = await this.flagLinks.bySource(platform.id, [
      ...flagLookupIds([{ id: post.id, signalIds: text?.signalIds ?? [] }]),
      ...found.all.lookupIds,
    ]);
    const frames = frameResultsView(found, flags, page, found.all.frameIds);
    // A text below every evidence threshold has no stored scores: the running text model gives them (never a wait).
    const recomputed = !text?.text && post.text ? (await this.results.rescoreTexts([post.text]))?.[0] : undefined;
    return this.view(post, postResultsView(frames, text, flags.get(post.id) ?? [], recomputed));
  }

  private async view(post: PostEntity, results?: PostResultsView) {
    const [author, media] = await Promise.all([
      this.accounts.findById(post.accountId),
      this.posts.attachments(post.id),
    ]);
    return postView(post, author?.externalId ?? '', media, results);
  }
}
