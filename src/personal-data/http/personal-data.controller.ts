import { Controller, ForbiddenException, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { hasRole, principalOf, type Role } from '../../auth/principal.js';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { correlationIdOf } from '../../http/command-request.js';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { readAfter } from '../../projections/read-after.js';
import { PersonalDataErasure, type Erasure } from '../personal-data-erasure.js';
import { personalDataReadsProjection } from '../personal-data-reads.projection.js';
import { PersonalDataReadsQuery, type PersonalDataReadsPage } from '../personal-data-reads.query.js';
import { PersonalDataReadsQueryDto } from './personal-data-reads.query.dto.js';

@ApiTags('personal-data')
@Controller('api/v1/personal-data')
@ApiForbiddenResponse({ description: 'PERSONAL_DATA.FORBIDDEN: the caller lacks the role' })
export class PersonalDataController {
  constructor(
    private readonly erasure: PersonalDataErasure,
    private readonly reads: PersonalDataReadsQuery,
    private readonly engine: ProjectionEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('subjects/:subjectId/erasure')
  @ApiOperation({ summary: "Erase a data subject (admin): delete its key, so its sealed data can never be read again, and record PersonalDataErased" })
  @ApiCreatedResponse({ description: '{ subjectId, erasedAt, eventId, position }' })
  @ApiNotFoundResponse({ description: 'PERSONAL_DATA.UNKNOWN_SUBJECT' })
  @ApiConflictResponse({ description: 'PERSONAL_DATA.ALREADY_ERASED' })
  async erase(@Param('subjectId') subjectId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Erasure> {
    const principal = requireRole(request, 'admin');
    const erased = await this.erasure.erase(subjectId, { actor: principal.subject, correlationId: correlationIdOf(request), now: this.clock.now() });
    response.setHeader('Ledger-Position', String(erased.position));
    return erased;
  }

  @Get('reads')
  @ApiOperation({ summary: 'Who read whose personal data, when, through which route (inspectors)' })
  @ApiOkResponse({ description: '{ reads: [...], nextAfter: position or null }' })
  async listReads(@Query() query: PersonalDataReadsQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PersonalDataReadsPage> {
    requireRole(request, 'inspector');
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

function requireRole(request: Request, role: Role) {
  const principal = principalOf(request);
  if (!hasRole(principal, role)) throw new ForbiddenException({ code: 'PERSONAL_DATA.FORBIDDEN', message: `Only the ${role} role may do this.` });
  return principal;
}
