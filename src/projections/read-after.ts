import { ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import type { ProjectionEngine } from './projection-engine.js';

const WAIT_MS = 2000;
export const PROJECTION_POSITION_HEADER = 'Ledger-Projection-Position';

/**
 * Waits until the projection has applied minPosition (so a client reads its own write), 503
 * PROJECTION.BEHIND after 2 s, and says in a header how far the projection has read the ledger.
 */
export async function readAfter(
  engine: ProjectionEngine,
  projection: string,
  minPosition: number | undefined,
  response: Response,
): Promise<void> {
  if (minPosition !== undefined && !(await engine.waitFor(projection, minPosition, WAIT_MS))) {
    throw new ServiceUnavailableException({
      code: 'PROJECTION.BEHIND',
      message: `The ${projection} read model has not yet applied position ${minPosition}; try again shortly.`,
    });
  }
  response.setHeader(PROJECTION_POSITION_HEADER, String(engine.checkpointOf(projection)));
}
