import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { RecordedFactDto } from '../../http/recorded-fact.dto.js';
import { MinPositionQueryDto } from '../../http/min-position.query.dto.js';
import { LIST_ID, LIST_ID_MESSAGE } from '../../lists/http/list-query.dto.js';
import { WEBHOOK_EVENT_KINDS, type WebhookEventKind } from '../webhook-event-kinds.js';

export class RegisterWebhookRequestDto extends RecordedFactDto {
  @ApiProperty({
    description: 'Where deliveries are POSTed: an http(s) URL',
    maxLength: 2000,
    example: 'https://portal.example.gov.vn/ledger-hooks',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_KINDS, isArray: true, example: ['alert.breached', 'case.received'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_KINDS.length)
  @IsIn(WEBHOOK_EVENT_KINDS, { each: true })
  readonly eventKinds!: WebhookEventKind[];

  @ApiPropertyOptional({ description: "Only this unit's matters and those of the units under it; default every unit", example: 'gia-tan' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly unitId?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Who receives, and why', example: 'SMS gateway of the provincial office' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  readonly description?: string;
}

export class DisableWebhookRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 2000, example: 'The portal moved to a new address' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}

export class DeliveriesQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Deliveries older than this one (nextBefore of the previous page)', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}
