import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiConsumes,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { POLICY_CATEGORIES } from '@qinglang/policy';
import { CurrentStaff, StaffOnly } from '@qinglang/staff';
import type { StaffUser } from '@qinglang/staff';
import { ENTITY_KINDS } from '@qinglang/text-classifier';
import { bankEntryView } from './bank-entry-view';
import { EntityBank } from './entity-bank.service';
import { BankEntryListResponse, BankEntryResponse, BankImportResponse } from './entity-bank.responses';
import { ApiErrors } from '@qinglang/operations';

export class BankEntryDto {
  @ApiProperty() @IsUUID() platformId: string;
  @ApiProperty({ enum: ENTITY_KINDS }) @IsIn(ENTITY_KINDS) kind: string;
  @ApiProperty({ example: 'lucky_8888' }) @IsString() @Length(1, 500) value: string;
  @ApiProperty({ enum: POLICY_CATEGORIES }) @IsIn(POLICY_CATEGORIES) category: string;
  @ApiProperty({ example: 'Gambling recruiter contact, confirmed on a flood' })
  @IsString()
  @Length(1, 1000)
  reason: string;
  @ApiPropertyOptional({ description: 'The flag it was found on' }) @IsOptional() @IsUUID() sourceFlagId?: string;
}

export class BankRemovalDto {
  @ApiProperty() @IsString() @Length(1, 1000) reason: string;
}

export class BankQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() platformId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Also the entries taken out of force' })
  @IsOptional()
  // Only true or false: anything else stays a string and is refused (400), not read as false.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRemoved?: boolean;
}

export class BankImportDto {
  @ApiProperty({ description: 'JSON lines: one {"platformId","kind","value","category","reason"} per line' })
  @IsString()
  // The API takes JSON bodies up to 2 MB: about 10,000 entries.
  @Length(1, 2_000_000)
  lines: string;
}

@ApiTags('review')
@StaffOnly('reviewer')
@Controller('v1/review/bank')
export class EntityBankController {
  constructor(private readonly bank: EntityBank) {}

  @Get()
  @ApiOperation({
    summary: 'Banked contacts, links, domains and QR payloads (in force; `includeRemoved=true` for all)',
  })
  @ApiOkResponse({ type: BankEntryListResponse })
  @ApiErrors({ 400: ['unknown_platform'] })
  async list(@Query() query: BankQuery) {
    await this.bank.checkPlatformFilter(query.platformId);
    return { entries: (await this.bank.list(query)).map(bankEntryView) };
  }

  @Post()
  @ApiOperation({
    summary: 'Bank a confirmed entity: any later text, on-screen text or QR code carrying it is evidence',
  })
  @ApiCreatedResponse({ type: BankEntryResponse })
  @ApiErrors({ 409: ['already_banked'], 422: ['invalid_bank_entry', 'unknown_platform'] })
  async add(@CurrentStaff() staff: StaffUser, @Body() body: BankEntryDto) {
    return bankEntryView(await this.bank.add(staff.id, body));
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take an entry out of force (kept, with who removed it and why)' })
  @ApiOkResponse({ type: BankEntryResponse })
  @ApiErrors({ 404: ['bank_entry_not_found'], 409: ['bank_entry_removed'] })
  async remove(@CurrentStaff() staff: StaffUser, @Param('id') id: string, @Body() body: BankRemovalDto) {
    return bankEntryView(await this.bank.remove(staff.id, id, body.reason));
  }

  @Get('export')
  @ApiOperation({ summary: 'The entries in force as JSON lines' })
  @ApiOkResponse({
    description: 'One BankEntryResponse as JSON per line',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 400: ['unknown_platform'] })
  async export(@Query() query: BankQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    await this.bank.checkPlatformFilter(query.platformId);
    // Set here, not by @Header: an error answered before this point is JSON and says so.
    response.type('application/x-ndjson; charset=utf-8');
    return this.bank.exportLines(query.platformId);
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('application/json')
  @ApiBody({ type: BankImportDto })
  @ApiOperation({ summary: 'Import JSON lines (all checked before any is written); values already banked are counted' })
  @ApiOkResponse({ type: BankImportResponse })
  @ApiErrors({ 409: ['bank_changed'], 413: ['too_many_lines'], 422: ['invalid_bank_entry', 'unknown_platform'] })
  importLines(@CurrentStaff() staff: StaffUser, @Body() body: BankImportDto) {
    return this.bank.importLines(staff.id, body.lines);
  }
}
