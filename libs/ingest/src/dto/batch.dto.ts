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
