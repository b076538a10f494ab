import { Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
  isDateString,
  length,
} from 'class-validator';

export class LineDto {
  @ApiProperty({ description: 'When the line was sent or spoken (ISO 8601)', example: '2026-11-24T12:00:03.120Z' })
  @IsDateString({ strict: true })
  at: string;
  @ApiPropertyOptional({ description: "Sender's (or speaker's) account id on the platform" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  senderId?: string;
  @ApiProperty({ example: '主播好！' }) @IsString() @Length(1, 2000) text: string;
}

export class LineBatchDto {
  @ApiProperty({ type: [LineDto] })
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  lines: LineDto[];
}

/** A chat or transcript batch as the controller takes it (validated by LineBatchPipe against LineBatchDto). */
export interface LineBatch {
  lines: Array<{ at: string; senderId?: string | null; text: string }>;
}

const LINE_KEYS = new Set(['at', 'senderId', 'text']);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Whether a body passes LineBatchDto's rules, checked in one pass with the same checks the decorators run
 * (class-validator's own `isDateString` and `length`), with nothing else in it. False only sends it the slow way.
 */
function isValidLineBatch(body: unknown): body is LineBatch {
  if (!isPlainObject(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'lines') return false;
  const lines = body.lines;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 1000) return false;
  for (const line of lines) {
    if (!isPlainObject(line)) return false;
    for (const key in line) if (!LINE_KEYS.has(key)) return false;
    if (!isDateString(line.at, { strict: true })) return false;
    if (line.senderId !== undefined && line.senderId !== null && !length(line.senderId, 1, 128)) return false;
    if (!length(line.text, 1, 2000)) return false;
  }
  return true;
}

/**
 * Validates a chat or transcript batch. class-validator builds an object per line and walks its decorators (about
 * 40 µs a line, on the event loop); a body that passes the same rules checked directly goes through as it is, and
 * any other is handed to the ValidationPipe with the app's global options, so errors read exactly as before. The
 * controller's parameter is typed as the LineBatch interface, so the global pipe leaves it to this one.
 */
@Injectable()
export class LineBatchPipe implements PipeTransform<unknown, Promise<LineBatch>> {
  private readonly full = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
  });

  async transform(body: unknown): Promise<LineBatch> {
    if (isValidLineBatch(body)) return body;
    return (await this.full.transform(body, { type: 'body', metatype: LineBatchDto })) as LineBatch;
  }
}

export class TipDto {
  @ApiProperty() @IsString() @Length(1, 128) tipperId: string;
  @ApiProperty({ enum: ['minor', 'adult', 'unknown'], description: "The tipper's age band as the platform knows it" })
  @IsIn(['minor', 'adult', 'unknown'])
  ageBand: 'minor' | 'adult' | 'unknown';
  @ApiProperty({ description: 'A positive decimal amount as a string', example: '52.00' })
  @IsString()
  @Matches(/^(?!0+(\.0+)?$)\d{1,12}(\.\d{1,4})?$/, {
    message: 'amount must be a positive decimal string such as "52.00"',
  })
  amount: string;
  @ApiProperty({ example: 'CNY' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' })
  currency: string;
  @ApiPropertyOptional({ example: '火箭' }) @IsOptional() @IsString() @Length(1, 100) giftName?: string;
  @ApiProperty({ example: '2026-11-24T12:00:05.000Z' }) @IsDateString({ strict: true }) at: string;
}

export class TipBatchDto {
  @ApiProperty({ type: [TipDto] })
  @ValidateNested({ each: true })
  @Type(() => TipDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  events: TipDto[];
}
