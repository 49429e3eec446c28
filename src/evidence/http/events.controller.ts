import { Controller, Get, Param, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Requires } from '../../auth/requires.decorator.js';
import { readContextOf } from '../../personal-data/reporter-disclosure.js';
import { EventEvidence } from '../event-evidence.js';
import { EventEvidenceView } from '../event-evidence.view.js';

/**
 * The event an evidence id names. The route is open to every role; what decides is whether the caller
 * may read the case, visit, meeting, review... the event belongs to, checked once the event is found.
 */
@ApiTags('evidence')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly evidence: EventEvidence) {}

  @Requires('integrity.read')
  @Get(':eventId')
  @ApiOperation({
    summary:
      'One event as evidence: its envelope (data disclosed as case reads disclose it), stream, revision, global position, hash chain, and its inclusion proof against the latest signed checkpoint',
  })
  @ApiOkResponse({ type: EventEvidenceView })
  @ApiBadRequestResponse({ description: 'EVENT.ID_INVALID: not a lower-case UUID' })
  @ApiForbiddenResponse({ description: 'The caller may not read what the event belongs to (AUTH.ROLE_REQUIRED, AUTH.UNIT_OUT_OF_SCOPE)' })
  @ApiNotFoundResponse({ description: 'EVENT.NOT_FOUND: no such event in the ledger' })
  @ApiServiceUnavailableResponse({ description: 'INTEGRITY.LOG_BEHIND: the Merkle log has not caught up with the ledger' })
  event(@Param('eventId') eventId: string, @Req() request: Request): Promise<EventEvidenceView> {
    return this.evidence.of(eventId, readContextOf(request));
  }
}
