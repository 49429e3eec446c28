import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiAnswer, ApiFileAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { answerCsv, wantsCsv } from '../../http/csv.js';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProjectionEngine } from '../../projections/projection-engine.js';
import { AUDIT_ENTRY_COLUMNS } from '../audit-entries.csv.js';
import { auditTrailProjection } from '../audit-trail.projection.js';
import { AuditTrailQuery, type AuditPage } from '../audit-trail.query.js';
import { AuditQueryDto } from './audit.query.dto.js';
import { withEventLinks, type EventLinks } from '../../http/event-links.js';
import { readAfter } from '../../projections/read-after.js';
import { Requires } from '../../auth/requires.decorator.js';

export const NEXT_AFTER_HEADER = 'Ledger-Next-After';

@ApiTags('audit')
@Controller('api/v1')
@ApiServiceUnavailableResponse({ description: 'minPosition was not reached within 2 s (code PROJECTION.BEHIND)' })
export class AuditController {
  constructor(
    private readonly trail: AuditTrailQuery,
    private readonly engine: ProjectionEngine,
  ) {}

  @Requires('oversight.read')
  @ApiAnswer(READ_EXAMPLES.audit, {
    description: 'A page of the audit trail; eventLinks opens each event',
    csv: 'globalPosition,streamId,streamRevision,eventId,type,occurredAt,recordedAt,actor,correlationId,causationId,aggregateCategory,aggregateId,previousHash,hash,eventLink\r\n',
  })
  @Get('audit')
  @ApiOperation({
    summary: 'The audit trail of a case, an official, a unit (with the units merged into it) or the whole ledger, in global order',
  })
  @ApiOkResponse({
    description: '{ entries: [...], nextAfter: position or null }; Ledger-Projection-Position says how far the trail has read the ledger',
  })
  async json(
    @Query() query: AuditQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<(AuditPage & EventLinks) | string> {
    if (wantsCsv(request, query)) return this.csv(query, response);
    return withEventLinks(await this.page(query, response));
  }

  @Requires('oversight.read')
  @ApiFileAnswer(
    'text/csv',
    'RFC 4180, UTF-8 with a BOM unless bom=false',
    'globalPosition,streamId,streamRevision,eventId,type,occurredAt,recordedAt,actor,correlationId,causationId,aggregateCategory,aggregateId,previousHash,hash,eventLink\r\n',
  )
  @Get('audit.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same query as CSV (RFC 4180, header row); the next cursor is in the Ledger-Next-After header' })
  async csv(@Query() query: AuditQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const page = await this.page(query, response);
    if (page.nextAfter !== null) response.setHeader(NEXT_AFTER_HEADER, String(page.nextAfter));
    return answerCsv(response, 'audit.csv', AUDIT_ENTRY_COLUMNS, page.entries, query);
  }

  private async page(query: AuditQueryDto, response: Response): Promise<AuditPage> {
    await readAfter(this.engine, auditTrailProjection.name, query.minPosition, response);
    return this.trail.find({
      caseId: query.caseId,
      officialId: query.officialId,
      unitId: query.unitId,
      from: query.from === undefined ? undefined : Date.parse(query.from),
      to: query.to === undefined ? undefined : Date.parse(query.to),
      types: query.type?.split(','),
      after: query.after ?? 0,
      limit: query.limit ?? 100,
    });
  }
}
