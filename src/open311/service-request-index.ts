import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { LiveRead } from '../projections/live-read.js';
import { ProjectionEngine } from '../projections/projection-engine.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { serviceRequestsProjection, type ServiceRequestsTable } from './service-requests.projection.js';

export interface IndexedRequest {
  readonly caseId: string;
  readonly serviceCode: string;
  readonly requestedAt: number;
  readonly globalPosition: number;
}

export interface RequestFilter {
  readonly serviceCodes?: readonly string[];
  readonly ids?: readonly string[];
  /** Receipt times, milliseconds since the epoch, inclusive. */
  readonly from: number;
  readonly to: number;
}

interface RequestRow {
  case_id: string;
  service_code: string;
  requested_at_ms: number;
  received_position: number;
}

const PAGE = 200;

/** Which cases exist, with their corrected category and receipt time: the open311-service-requests read model. */
@Injectable()
export class ServiceRequestIndex {
  private readonly live: LiveRead<ServiceRequestsTable>;

  constructor(
    @Inject(READ_MODELS) db: Database.Database,
    private readonly engine: ProjectionEngine,
  ) {
    this.live = new LiveRead(db, serviceRequestsProjection);
  }

  /** Waits (briefly) until everything the store holds now is indexed, so a client reads its own writes. */
  async caughtUp(timeoutMs = 2000): Promise<void> {
    await this.engine.caughtUp(serviceRequestsProjection.name, timeoutMs);
  }

  /**
   * Newest first, as clients list recent reports; a page at a time, so the caller can stop once it has
   * enough it may show.
   */
  *matching(filter: RequestFilter): Iterable<IndexedRequest> {
    const codes = filter.serviceCodes ? JSON.stringify(filter.serviceCodes) : null;
    const ids = filter.ids ? JSON.stringify(filter.ids) : null;
    const from = Math.max(filter.from, Number.MIN_SAFE_INTEGER);
    const to = Math.min(filter.to, Number.MAX_SAFE_INTEGER);
    let before = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const rows = this.live.read(
        (tables, prepare) =>
          prepare(
            `SELECT * FROM "${tables.requests}"
             WHERE received_position < ? AND requested_at_ms BETWEEN ? AND ?
               AND (? IS NULL OR service_code IN (SELECT value FROM json_each(?)))
               AND (? IS NULL OR case_id IN (SELECT value FROM json_each(?)))
             ORDER BY received_position DESC LIMIT ${PAGE}`,
          ).all(before, from, to, codes, codes, ids, ids) as RequestRow[],
        () => [],
      );
      for (const row of rows)
        yield {
          caseId: row.case_id,
          serviceCode: row.service_code,
          requestedAt: row.requested_at_ms,
          globalPosition: row.received_position,
        };
      if (rows.length < PAGE) return;
      before = rows[rows.length - 1].received_position;
    }
  }
}
