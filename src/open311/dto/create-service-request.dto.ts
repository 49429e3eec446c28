import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { OPEN311_SERVICES } from '../open311-services.js';

const CODES = OPEN311_SERVICES.map((service) => service.service_code);

/**
 * POST /open311/v2/requests.json, form-encoded as GeoReport v2 defines it. jurisdiction_id names the
 * unit the report concerns (the ledger's unit id). A location is required: lat and long, or address_string.
 */
export class CreateServiceRequestDto {
  @ApiProperty({ description: "The unit concerned (the ledger's unit id)", example: 'gia-loc' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'jurisdiction_id must be the id of a unit' })
  readonly jurisdiction_id!: string;

  @ApiProperty({ enum: CODES })
  @IsIn(CODES)
  readonly service_code!: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() @IsLatitude() readonly lat?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() @IsLongitude() readonly long?: number;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) readonly address_string?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) readonly address_id?: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  readonly description!: string;

  @ApiPropertyOptional({ maxLength: 254 }) @IsOptional() @IsEmail() @MaxLength(254) readonly email?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) readonly first_name?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) readonly last_name?: string;
  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @Matches(/^[0-9+() .-]{3,40}$/, { message: 'phone must be a telephone number' })
  readonly phone?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) readonly device_id?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) readonly account_id?: string;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  readonly media_url?: string;
  @ApiPropertyOptional({ description: 'Accepted and ignored (no API keys in this deployment)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly api_key?: string;
}
