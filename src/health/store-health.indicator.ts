import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';

@Injectable()
export class StoreHealthIndicator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: 'eventStore') {
    const indicator = this.indicators.check(key);
    try {
      return indicator.up({ headPosition: await this.store.headPosition() });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
