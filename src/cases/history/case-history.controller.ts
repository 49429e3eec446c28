import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import type { Request } from 'express';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../domain-kit/domain-error.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { caseStream } from '../case.events.js';
import { CASE_REFERENCE_ID } from '../case-intake.js';
import { historySelection, replayCase, type CaseHistory } from './case-history.js';
import { CaseHistoryQueryDto } from './case-history.query.dto.js';
import { Requires, caseParam } from '../../auth/requires.decorator.js';
import { readContextOf, ReporterDisclosure } from '../../personal-data/reporter-disclosure.js';
import { reporterInHistory, withReporterShown } from './case-history-reporter.js';

/** The replay of one case from its own stream: no projection, a case has tens of events. */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CaseHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly disclosure: ReporterDisclosure,
  ) {}

  @Requires('cases.read', caseParam)
  @ApiAnswer(READ_EXAMPLES.caseHistory, { description: 'The case as of asOf, and every step (event) up to it with the state after it' })
  @Get(':caseId/history')
  @ApiOkResponse({ description: 'The case as of asOf, and every step (event) up to it with the state after it.' })
  @ApiBadRequestResponse({ description: 'CASE_HISTORY.AS_OF_INVALID, or VALIDATION.FAILED for an unknown parameter.' })
  @ApiNotFoundResponse({ description: 'No such case (code NOT_FOUND).' })
  async history(@Param('caseId') caseId: string, @Query() query: CaseHistoryQueryDto, @Req() request: Request): Promise<CaseHistory> {
    const selection = historySelection(query.asOf, query.by);
    const recorded = CASE_REFERENCE_ID.test(caseId) ? await this.store.readStream(caseStream(caseId)) : [];
    if (recorded.length === 0) throw new DomainError('NOT_FOUND', `Case ${caseId.slice(0, 80)} does not exist.`, 'not-found');
    const history = replayCase(caseId, recorded, selection);
    const { recorded: reporter, category } = reporterInHistory(history);
    if (category === null) return history;
    return withReporterShown(history, await this.disclosure.show(reporter, caseId, category, readContextOf(request)));
  }
}
