import { complaintAppealed } from '../cases/complaint-appealed.js';
import type { SecondStep } from '../ledger/second-step.js';
import { mergerAbsorption } from '../organisation/merger-absorption.js';
import { findingConcernsCase } from '../visits/finding-concerns-case.js';
import { findingOpensCase } from '../visits/finding-opens-case.js';

/**
 * Every command that writes two streams, by its second step. A command handler that appends to a
 * second stream in the same request adds its step here, so a cut-off request is completed.
 */
export const ALL_SECOND_STEPS: readonly SecondStep[] = [findingOpensCase, findingConcernsCase, mergerAbsorption, complaintAppealed];
