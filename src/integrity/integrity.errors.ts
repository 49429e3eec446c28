import { ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from '../domain-kit/domain-error.js';

export const noCheckpointYet = (): DomainError =>
  new DomainError(
    'INTEGRITY.NO_CHECKPOINT',
    'No checkpoint has been signed yet; make one with POST /api/v1/integrity/checkpoints.',
    'not-found',
  );

export const eventNotLogged = (eventId: string): DomainError =>
  new DomainError(
    'INTEGRITY.EVENT_NOT_LOGGED',
    `Event ${eventId} is not in the Merkle log: no such event, or it was recorded a moment ago and is not logged yet.`,
    'not-found',
    { eventId },
  );

export const treeSizeOutOfRange = (message: string, details: Record<string, unknown>): DomainError =>
  new DomainError('INTEGRITY.TREE_SIZE_OUT_OF_RANGE', message, 'unprocessable', details);

export const logBehind = (message: string): ServiceUnavailableException =>
  new ServiceUnavailableException({ code: 'INTEGRITY.LOG_BEHIND', message });
