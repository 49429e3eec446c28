import { auditTrailProjection } from '../audit/audit-trail.projection.js';
import type { Projection } from './projection.js';

/** Every projection the service runs and `ledger rebuild` knows, by name. Add new read models here. */
export const ALL_PROJECTIONS: readonly Projection[] = [auditTrailProjection];
