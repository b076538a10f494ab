import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';

/** A post's fields, as multipart fields beside `images` and `video` files, or as JSON. */
export class CreatePostDto {
  @ApiProperty({ description: "The platform's id for the post" }) @IsString() @Length(1, 200) externalId: string;
  @ApiProperty({ description: "The platform's id of the author's account" })
  @IsString()
  @Length(1, 128)
  authorId: string;
  @ApiPropertyOptional({ description: 'The text of the post' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  text?: string;
  @ApiPropertyOptional({ description: 'A video to fetch instead of uploading one' })
  @IsOptional()
  @IsString()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  videoUrl?: string;
}
