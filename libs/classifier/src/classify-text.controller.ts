import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { TextSignals } from './text-signals.service';
import { ClassifyTextResponse } from './classify-text.responses';

export class TextToCheckDto {
  @ApiPropertyOptional({ description: "The caller's id for the text, echoed back" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  id?: string;
  @ApiProperty({ example: '加微信带你上岸，百家乐包赢' }) @IsString() @MaxLength(20_000) text: string;
}

export class ClassifyTextDto {
  @ApiProperty({ type: [TextToCheckDto] })
  @ValidateNested({ each: true })
  @Type(() => TextToCheckDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  texts: TextToCheckDto[];
}

/** A synchronous check for platforms that screen a post before publishing it: nothing is stored. */
@ApiTags('classify')
@Controller('v1/classify')
export class ClassifyTextController {
  constructor(private readonly text: TextSignals) {}

  @Post('text')
  @HttpCode(200)
  @ApiOperation({ summary: 'Scores, flagged categories and evidence spans for up to 100 texts, in order' })
  @ApiOkResponse({ type: ClassifyTextResponse })
  classify(@Body() body: ClassifyTextDto) {
    return {
      model: { name: this.text.model, version: this.text.version },
      results: body.texts.map((item) => ({ id: item.id ?? null, ...this.text.classify(item.text) })),
    };
  }
}
