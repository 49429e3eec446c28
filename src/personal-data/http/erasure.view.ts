import { ApiProperty } from '@nestjs/swagger';
import type { Erasure } from '../personal-data-erasure.js';

/** The documented answer of an erasure: the subject, when, and the PersonalDataErased event that records it. */
export class ErasureView implements Erasure {
  @ApiProperty({ example: 'reporter-5b1d0c1e' }) readonly subjectId!: string;
  @ApiProperty({ example: '2026-03-09T01:00:00.000Z' }) readonly erasedAt!: string;
  @ApiProperty({ description: 'The PersonalDataErased event', example: '0f8c8a39-5d2e-4a59-9c1e-3f7a2b6d9e01' })
  readonly eventId!: string;
  @ApiProperty({ description: "The event's global position (also in Ledger-Position)", example: 4021 }) readonly position!: number;
}
