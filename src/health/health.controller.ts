import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { StoreHealthIndicator } from './store-health.indicator.js';
import { Readiness } from './readiness.js';
import { Public } from '../auth/requires.decorator.js';
import { ApiAnswer } from '../http/documented-answer.js';

const HEALTHY = { status: 'ok', info: { eventStore: { status: 'up' } }, error: {}, details: { eventStore: { status: 'up' } } };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly readiness: Readiness,
  ) {}

  @Public()
  @ApiAnswer(HEALTHY, { description: 'Up: every check passed' })
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and event store reachability (200 when up, 503 when the store is down)' })
  check() {
    return this.health.check([() => this.store.check('eventStore')]);
  }

  @Public()
  @ApiAnswer(HEALTHY, { description: 'Ready: every check passed' })
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: 200 when the store answers, every projection and the Merkle log have caught up with the ledger as it was at start and none failed, the last checkpoint was recorded, and every holiday decision dropped into the data folder is in force; else 503 naming what is behind',
  })
  ready() {
    const readiness = this.readiness;
    return this.health
      .check([
        () => readiness.eventStore(),
        () => readiness.projections(),
        () => readiness.merkleLog(),
        () => readiness.checkpoints(),
        () => readiness.calendar(),
      ])
      .catch((error: unknown) => {
        throw error instanceof ServiceUnavailableException ? notReady(error.getResponse() as HealthCheckResult) : error;
      });
  }
}

/** 503 in the service's error shape, the checks' report in its details. */
function notReady(result: HealthCheckResult): ServiceUnavailableException {
  const behind = Object.keys(result.error ?? {});
  return new ServiceUnavailableException({
    code: 'HEALTH.NOT_READY',
    message: `This instance is not ready for traffic: ${behind.join(', ')} (see details).`,
    details: result,
  });
}
