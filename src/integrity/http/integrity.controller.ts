import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { CheckpointViewDto, ConsistencyProofViewDto, InclusionProofViewDto, VerifierKeyViewDto } from './integrity.views.js';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IntegrityLog, type CheckpointView, type ConsistencyProofView, type InclusionProofView } from '../integrity-log.js';
import type { VerificationReport } from '../verification/verification-report.js';
import { ConsistencyProofQueryDto, InclusionProofQueryDto } from './proof.query.dto.js';
import { Requires } from '../../auth/requires.decorator.js';

/** Tamper evidence over HTTP: signed checkpoints, RFC 9162 proofs, and the full verification for inspectors. */
@ApiTags('integrity')
@Controller('api/v1/integrity')
export class IntegrityController {
  constructor(private readonly integrity: IntegrityLog) {}

  @Requires('integrity.read')
  @ApiOkResponse({ type: CheckpointViewDto })
  @Get('checkpoint')
  @ApiOperation({ summary: 'The latest signed checkpoint of the Merkle log (C2SP checkpoint in a signed note)' })
  @ApiOkResponse({ description: '{origin, treeSize, rootHash, signedAt, note, verifierKey}' })
  @ApiNotFoundResponse({ description: 'No checkpoint signed yet (INTEGRITY.NO_CHECKPOINT)' })
  checkpoint(): CheckpointView {
    return this.integrity.latestCheckpoint();
  }

  @Requires('integrity.checkpoint')
  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign a checkpoint now, covering every event recorded before the request (the latest one if nothing arrived since)',
  })
  @ApiCreatedResponse({ type: CheckpointViewDto, description: 'The checkpoint, also recorded in the ledger as a CheckpointSigned event' })
  @ApiServiceUnavailableResponse({ description: 'The log could not catch up with the ledger within 5 s (INTEGRITY.LOG_BEHIND)' })
  checkpointNow(): Promise<CheckpointView> {
    return this.integrity.checkpointNow();
  }

  @Requires('integrity.read')
  @ApiOkResponse({ type: VerifierKeyViewDto })
  @Get('public-key')
  @ApiOperation({
    summary: "The checkpoint signer's verifier key, <name>+<key id>+<key> (compare it with the one the operator handed you)",
  })
  publicKey(): { verifierKey: string } {
    return { verifierKey: this.integrity.verifierKey };
  }

  @Requires('integrity.read')
  @ApiOkResponse({ type: InclusionProofViewDto })
  @Get('proofs/inclusion')
  @ApiOperation({ summary: "An RFC 9162 inclusion proof (audit path) of an event's leaf in the tree of treeSize leaves" })
  @ApiNotFoundResponse({ description: 'INTEGRITY.EVENT_NOT_LOGGED or INTEGRITY.NO_CHECKPOINT' })
  @ApiUnprocessableEntityResponse({ description: 'treeSize beyond the log or before the event (INTEGRITY.TREE_SIZE_OUT_OF_RANGE)' })
  inclusion(@Query() query: InclusionProofQueryDto): Promise<InclusionProofView> {
    return this.integrity.inclusionProof(query.eventId, query.treeSize);
  }

  @Requires('integrity.read')
  @ApiOkResponse({ type: ConsistencyProofViewDto })
  @Get('proofs/consistency')
  @ApiOperation({ summary: 'An RFC 9162 consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves' })
  @ApiUnprocessableEntityResponse({ description: 'from > to, or to beyond the log (INTEGRITY.TREE_SIZE_OUT_OF_RANGE)' })
  consistency(@Query() query: ConsistencyProofQueryDto): ConsistencyProofView {
    return this.integrity.consistencyProof(query.from, query.to);
  }

  @Requires('integrity.verify')
  @ApiAnswer(READ_EXAMPLES.verification, { description: 'The report of `ledger verify`' })
  @Get('verification')
  @ApiOperation({
    summary:
      'For inspectors: recompute every stream chain and the Merkle root, compare with every signed checkpoint, name the first broken place',
  })
  @ApiOkResponse({ description: 'The report of `ledger verify`: ok, counts, matched checkpoints, firstProblem (null when all is well)' })
  verification(): Promise<VerificationReport> {
    return this.integrity.verify();
  }

  @Requires('integrity.read')
  @ApiAnswer(READ_EXAMPLES.integrityStatus, { description: "The log's follower: tree size, position reached, last error" })
  @Get('status')
  @ApiOperation({ summary: "The log's follower: tree size, position reached, last error" })
  status(): ReturnType<IntegrityLog['status']> {
    return this.integrity.status();
  }
}
