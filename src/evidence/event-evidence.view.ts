import { ApiProperty } from '@nestjs/swagger';
import type { EventMetadata, JsonObject } from '../ledger/event-store.port.js';
import { InclusionProofViewDto } from '../integrity/http/integrity.views.js';
import type { InclusionProofView } from '../integrity/integrity-log.js';

const EVENT_ID = '0f8c8a39-5d2e-4a59-9c1e-3f7a2b6d9e01';

export class EventMetadataView implements EventMetadata {
  @ApiProperty({ example: 'o-gia-tan' }) readonly actor!: string;
  @ApiProperty({ example: '6b0d3c52-0f0e-4d7e-9a57-4b1f4e0a9c11' }) readonly correlationId!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) readonly causationId!: string | null;
  @ApiProperty({ example: '2026-03-09T08:00:00+07:00' }) readonly occurredAt!: string;
  @ApiProperty({ required: false }) readonly requestFingerprint?: string;
}

export class EventEnvelopeView {
  @ApiProperty({ example: EVENT_ID }) readonly eventId!: string;
  @ApiProperty({ example: 'CaseAcknowledged' }) readonly type!: string;
  @ApiProperty({ example: 1 }) readonly schemaVersion!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data, as this reader may see it (see withheldFields)",
    example: { note: 'Đã tiếp nhận' },
  })
  readonly data!: JsonObject;
  @ApiProperty({ type: EventMetadataView }) readonly metadata!: EventMetadataView;
}

export class EventLinksView {
  @ApiProperty({ example: `/api/v1/events/${EVENT_ID}` }) readonly self!: string;
}

/** GET /api/v1/events/{eventId}: one event as evidence. */
export class EventEvidenceView {
  @ApiProperty({ example: EVENT_ID }) readonly eventId!: string;
  @ApiProperty({ example: 'case-2026-0001' }) readonly streamId!: string;
  @ApiProperty({ example: 1 }) readonly streamRevision!: number;
  @ApiProperty({ example: 7 }) readonly globalPosition!: number;
  @ApiProperty({ example: '2026-03-09T01:00:00.123Z' }) readonly recordedAt!: string;
  @ApiProperty({ type: EventEnvelopeView }) readonly envelope!: EventEnvelopeView;
  @ApiProperty({
    type: [String],
    example: [],
    description:
      'Fields of data not shown as recorded (a reporter redacted or unsealed for this reader). The hash covers the recorded form, so it can be recomputed from this answer only when this is empty.',
  })
  readonly withheldFields!: readonly string[];
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of the previous event of the stream; null for revision 0' })
  readonly previousHash!: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical envelope (ledger-event/1)' }) readonly hash!: string;
  @ApiProperty({
    type: InclusionProofViewDto,
    nullable: true,
    description: 'Against the latest signed checkpoint; null until one covers the event',
  })
  readonly inclusion!: InclusionProofView | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why there is no inclusion proof yet; null when there is one' })
  readonly inclusionPending!: string | null;
  @ApiProperty({ type: EventLinksView }) readonly links!: EventLinksView;
}
