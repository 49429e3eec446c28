import { Controller, Get, Req } from '@nestjs/common';
import { ApiAnswer } from '../http/documented-answer.js';
import { READ_EXAMPLES } from '../http/read-examples.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/requires.decorator.js';

/** When this service's GeoReport v2 interface last changed, as discovery's changeset says. */
export const OPEN311_CHANGESET = '2026-12-01T00:00:00Z';

/**
 * GeoReport v2 service discovery (discovery.json): where the endpoint is and what it speaks, so a
 * client configured with the discovery URL alone finds it. The endpoint's URL is this server's, as
 * the client reached it (behind a proxy, from X-Forwarded-Proto and -Host when TRUST_PROXY says so).
 */
@ApiTags('open311')
@Controller('open311/v2')
export class Open311DiscoveryController {
  @Public()
  @ApiAnswer(READ_EXAMPLES.open311Discovery, { description: 'GeoReport v2 discovery' })
  @Get('discovery.json')
  @ApiOperation({ summary: 'GeoReport v2 service discovery' })
  @ApiOkResponse({ description: '{ changeset, contact, key_service, endpoints: [{ specification, url, changeset, type, formats }] }' })
  discovery(@Req() request: Request) {
    return {
      changeset: OPEN311_CHANGESET,
      contact: 'The unit named as agency_responsible of each service request handles it; this service only records.',
      key_service: 'No API key is needed: submissions are limited per client instead.',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${request.protocol}://${request.get('host') ?? 'localhost'}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: ['application/json'],
        },
      ],
    };
  }
}
