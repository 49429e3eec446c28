import { Controller, Get, Res } from '@nestjs/common';
import { ApiFileAnswer } from '../http/documented-answer.js';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Requires } from '../auth/requires.decorator.js';
import { AcceptsScrapeToken } from '../auth/scrape-token.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { LedgerStateMetrics } from './ledger-state-metrics.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly state: LedgerStateMetrics,
  ) {}

  @Requires('operations.read')
  @AcceptsScrapeToken()
  @ApiFileAnswer('text/plain', 'The Prometheus text exposition format, version 0.0.4', 'ledger_events_appended_total 42\n')
  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'Prometheus metrics (text format): requests by route and status, appends and commit groups, projection and Merkle log lag, checkpoint age, the last verification; with an operations.read token or the METRICS_TOKEN scrape token',
  })
  @ApiOkResponse({ description: 'The Prometheus text exposition format, version 0.0.4' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    await this.state.refresh();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
