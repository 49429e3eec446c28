import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';

export interface IndexedRequest {
  readonly caseId: string;
  readonly serviceCode: string;
  readonly requestedAt: number;
  readonly globalPosition: number;
}

/**
 * Which cases exist, with their category and receipt time, for GET requests.json's filters. Kept in
 * memory from a catch-up subscription to the global feed (a few dozen bytes a case). Issue 4's
 * projection engine will replace it with a persistent read model.
 */
@Injectable()
export class ServiceRequestIndex implements OnModuleInit, OnApplicationShutdown {
  private readonly requests: IndexedRequest[] = [];
  private position = 0;
  private subscription?: Subscription;
  private readonly waiting = new Set<() => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onModuleInit(): void {
    this.subscription = this.store.subscribeToAll(0).subscribe({
      next: (event) => {
        if (event.type === 'CaseReceived') {
          const data = event.data as { caseId: string; category: string };
          this.requests.push({
            caseId: data.caseId,
            serviceCode: data.category,
            requestedAt: Date.parse(event.metadata.occurredAt),
            globalPosition: event.globalPosition,
          });
        }
        this.position = event.globalPosition;
        for (const wake of this.waiting) wake();
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** Waits (briefly) until everything the store holds now is indexed, so a client reads its own writes. */
  async caughtUp(timeoutMs = 2000): Promise<void> {
    const head = await this.store.headPosition();
    if (this.position >= head) return;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.position >= head) done();
      };
      const done = (): void => {
        clearTimeout(timer);
        this.waiting.delete(check);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(check);
    });
  }

  /** Newest first, as clients list recent reports; lazily, so the caller can stop once it has enough it may show. */
  *matching(filter: { serviceCodes?: readonly string[]; ids?: readonly string[]; from: number; to: number }): Iterable<IndexedRequest> {
    for (let index = this.requests.length - 1; index >= 0; index--) {
      const request = this.requests[index];
      if (filter.ids && !filter.ids.includes(request.caseId)) continue;
      if (filter.serviceCodes && !filter.serviceCodes.includes(request.serviceCode)) continue;
      if (request.requestedAt < filter.from || request.requestedAt > filter.to) continue;
      yield request;
    }
  }
}
