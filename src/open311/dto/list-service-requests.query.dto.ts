import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';

const LIST = /^[A-Za-z0-9-]{1,80}(,[A-Za-z0-9-]{1,80}){0,99}$/;

/** GET requests.json filters, as GeoReport v2 names them. */
export class ListServiceRequestsQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated ids; other filters are ignored when given' })
  @IsOptional()
  @MaxLength(8200)
  @Matches(LIST, { message: 'service_request_id must be a comma-separated list of ids' })
  readonly service_request_id?: string;

  @ApiPropertyOptional({ description: 'Comma-separated service codes' })
  @IsOptional()
  @MaxLength(200)
  @Matches(LIST, { message: 'service_code must be a comma-separated list of codes' })
  readonly service_code?: string;

  @ApiPropertyOptional({ description: 'Earliest requested_datetime (w3c format with offset); default: 90 days before end_date' })
  @IsOptional()
  @IsOffsetDateTime()
  readonly start_date?: string;

  @ApiPropertyOptional({ description: 'Latest requested_datetime; default: now' })
  @IsOptional()
  @IsOffsetDateTime()
  readonly end_date?: string;

  @ApiPropertyOptional({ description: 'open, closed, or both comma-separated' })
  @IsOptional()
  @Matches(/^(open|closed)(,(open|closed))?$/, { message: 'status must be open, closed or open,closed' })
  readonly status?: string;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; this server has one jurisdiction list (units)' })
  @IsOptional()
  @MaxLength(80)
  readonly jurisdiction_id?: string;
}
