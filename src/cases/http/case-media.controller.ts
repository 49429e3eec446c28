import { Controller, Get, Inject, InternalServerErrorException, Param, Res } from '@nestjs/common';
import { ApiFileAnswer } from '../../http/documented-answer.js';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Requires, caseParam } from '../../auth/requires.decorator.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { MediaStore, SHA256_HEX } from '../../media/media-store.js';
import { caseDecider } from '../case.decider.js';
import { caseStream } from '../case.events.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/** The photo a report came with, to whoever may read the case: only the one its CaseReceived names. */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CaseMediaController {
  constructor(
    private readonly media: MediaStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Requires('cases.read', caseParam)
  @ApiFileAnswer('image/jpeg', 'The photo kept with the case, byte for byte (its own media type: JPEG, PNG, WebP...)')
  @Get(':caseId/media/:sha256')
  @ApiProduces(...Object.keys(EXTENSIONS))
  @ApiOkResponse({ description: "The photo's bytes, as kept; its SHA-256 is recorded in the case's CaseReceived event." })
  @ApiNotFoundResponse({ description: 'No such case, or no such photo with this case (code NOT_FOUND).' })
  async photo(@Param('caseId') caseId: string, @Param('sha256') sha256: string, @Res() response: Response): Promise<void> {
    const notFound = new DomainError('NOT_FOUND', `Case ${caseId} has no photo ${sha256}.`, 'not-found');
    if (!SHA256_HEX.test(sha256) || !/^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/.test(caseId)) throw notFound;
    const { state } = await readAggregate(this.store, caseDecider, caseStream(caseId), `Case ${caseId}`);
    if (state.status === 'unreceived' || state.media?.sha256 !== sha256) throw notFound;
    const bytes = this.media.read(sha256);
    if (bytes === undefined)
      throw new DomainError('NOT_FOUND', `The photo ${sha256} of case ${caseId} is not in this data folder.`, 'not-found');
    // The bytes served are the bytes the chain covers, or nothing.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new InternalServerErrorException({
        code: 'MEDIA.ALTERED',
        message: `The stored photo ${sha256} no longer matches its recorded hash.`,
      });
    response
      .status(200)
      .setHeader('Content-Type', state.media.mediaType)
      .setHeader('Content-Disposition', `inline; filename="${sha256}.${EXTENSIONS[state.media.mediaType] ?? 'bin'}"`)
      .setHeader('ETag', `"${sha256}"`)
      .end(bytes);
  }
}
