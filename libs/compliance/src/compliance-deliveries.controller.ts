import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveryResponse, Outbox, deliveryView } from '@qinglang/delivery';
import { CurrentStaff, StaffOnly, StaffUser } from '@qinglang/staff';
import { ComplianceDeliveriesQuery } from './compliance-filters.dto';
import { PlatformNames } from './platform-names.service';
import { ComplianceFilterResolver } from './compliance-filter-resolver.service';
import { ApiErrors } from '@qinglang/operations';
import { ComplianceDeliveryListResponse } from './compliance.responses';

@ApiTags('compliance')
@StaffOnly('compliance')
@Controller('v1/compliance/deliveries')
export class ComplianceDeliveriesController {
  constructor(
    private readonly outbox: Outbox,
    private readonly platforms: PlatformNames,
    private readonly filters: ComplianceFilterResolver,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Webhook deliveries of every platform, newest first; `status=failed` lists those that gave up',
  })
  @ApiOkResponse({ type: ComplianceDeliveryListResponse })
  @ApiErrors({ 400: ['unknown_platform'] })
  async list(@Query() query: ComplianceDeliveriesQuery) {
    await this.filters.resolve(query);
    const events = await this.outbox.list({ status: query.status, platformId: query.platformId }, query.limit ?? 100);
    const names = await this.platforms.of(events.map((e) => e.platformId));
    return {
      deliveries: events.map((e) => ({
        ...deliveryView(e),
        platform: { id: e.platformId, name: names.get(e.platformId) ?? null },
      })),
    };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a delivery again from scratch (after the platform fixed its endpoint); the replay is audited',
  })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: ['delivery_not_found'] })
  async replay(@CurrentStaff() officer: StaffUser, @Param('id') id: string) {
    return deliveryView(await this.outbox.replay(id, { kind: 'staff', id: officer.id }));
  }
}
