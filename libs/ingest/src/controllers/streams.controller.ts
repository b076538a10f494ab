import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { RegisterStreamDto, UpdateStreamDto } from '../dto/stream.dto';
import { StreamsService } from '../services/streams.service';
import { AccountsService } from '../services/accounts.service';
import { streamView } from '../views';
import type { Stream } from '../entities/stream.entity';

@ApiTags('streams')
@ApiBearerAuth()
@Controller('v1/streams')
export class StreamsController {
  constructor(
    private readonly streams: StreamsService,
    private readonly accounts: AccountsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a live stream (again: updates it and returns the same stream)' })
  async register(
    @CurrentPlatform() platform: Platform,
    @Body() body: RegisterStreamDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { externalId, streamerId, ...changes } = body;
    const { stream, created } = await this.streams.register(platform.id, externalId, streamerId, changes);
    response.status(created ? 201 : 200);
    return streamView(stream, streamerId);
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Update title, viewer count or status (live/ended)' })
  async update(@CurrentPlatform() platform: Platform, @Param('id') id: string, @Body() body: UpdateStreamDto) {
    return this.view(await this.streams.update(platform.id, id, body));
  }

  @Get(':id')
  async get(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    return this.view(await this.streams.getForPlatform(platform.id, id));
  }

  private async view(stream: Stream) {
    const account = await this.accounts.findById(stream.accountId);
    return streamView(stream, account?.externalId ?? '');
  }
}
