import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { principalOf } from '../../auth/principal.js';
import { Requires } from '../../auth/requires.decorator.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { correlationIdOf } from '../../http/command-request.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { PersonalDataErasure, type Erasure } from '../personal-data-erasure.js';
import { ErasureView } from './erasure.view.js';
import { personalDataReadsProjection } from '../personal-data-reads.projection.js';
import { PersonalDataReadsQuery, type PersonalDataReadsPage } from '../personal-data-reads.query.js';
import { PersonalDataReadsQueryDto } from './personal-data-reads.query.dto.js';

@ApiTags('personal-data')
@Controller('api/v1/personal-data')
@ApiForbiddenResponse({ description: 'AUTH.ROLE_REQUIRED: the caller lacks the role' })
export class PersonalDataController {
  constructor(
    private readonly erasure: PersonalDataErasure,
    private readonly reads: PersonalDataReadsQuery,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Requires('personal-data.erase')
  @Post('subjects/:subjectId/erasure')
  @ApiOperation({
    summary: 'Erase a data subject (admin): delete its key, so its sealed data can never be read again, and record PersonalDataErased',
  })
  @ApiCreatedResponse({ description: 'Erased: the subject, when, and the PersonalDataErased event', type: ErasureView })
  @ApiNotFoundResponse({ description: 'PERSONAL_DATA.UNKNOWN_SUBJECT' })
  @ApiConflictResponse({ description: 'PERSONAL_DATA.ALREADY_ERASED' })
  async erase(
    @Param('subjectId') subjectId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Erasure> {
    const principal = principalOf(request);
    const erased = await this.erasure.erase(subjectId, {
      actor: principal.subject,
      correlationId: correlationIdOf(request),
      now: this.clock.now(),
    });
    response.setHeader('Ledger-Position', String(erased.position));
    return erased;
  }

  @Requires('personal-data.reads')
  @ApiAnswer(READ_EXAMPLES.personalDataReads, { description: 'Who read whose personal data, a page' })
  @Get('reads')
  @ApiOperation({ summary: 'Who read whose personal data, when, through which route (inspectors)' })
  @ApiOkResponse({ description: '{ reads: [...], nextAfter: position or null }' })
  async listReads(
    @Query() query: PersonalDataReadsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PersonalDataReadsPage> {
    await readAfter(this.engine, personalDataReadsProjection.name, query.minPosition, response);
    return this.reads.find({
      subjectId: query.subjectId,
      reader: query.reader,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
      after: query.after ?? 0,
      limit: query.limit ?? 100,
    });
  }
}
