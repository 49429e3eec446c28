import { auditTrailProjection } from '../audit/audit-trail.projection.js';
import { caseTimelinesProjection } from '../timelines/case-timelines.projection.js';
import { responsibilityFactsProjection } from '../responsibility/projection/responsibility-facts.projection.js';
import { personalDataReadsProjection } from '../personal-data/personal-data-reads.projection.js';
import { pendingSecondSteps } from '../process-managers/pending-second-steps.projection.js';
import { listsProjection } from '../lists/lists.projection.js';
import { serviceRequestsProjection } from '../open311/service-requests.projection.js';
import type { Projection } from './projection.js';

/** Every projection the service runs and `ledger rebuild` knows, by name. Add new read models here. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  auditTrailProjection,
  caseTimelinesProjection,
  responsibilityFactsProjection,
  personalDataReadsProjection,
  pendingSecondSteps,
  listsProjection,
  serviceRequestsProjection,
];
