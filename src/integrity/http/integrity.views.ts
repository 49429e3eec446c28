import { ApiProperty } from '@nestjs/swagger';
import type { CheckpointView, ConsistencyProofView, InclusionProofView } from '../integrity-log.js';

const NOTE_EXAMPLE =
  'ledger.example/province\n12\nq6u0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t=\n\n\u2014 ledger.example/province AbCdEf==\n';

/** The documented shape of a signed checkpoint, as GET /api/v1/integrity/checkpoint answers it. */
export class CheckpointViewDto implements CheckpointView {
  @ApiProperty({ example: 'ledger.example/province' }) readonly origin!: string;
  @ApiProperty({ example: 12 }) readonly treeSize!: number;
  @ApiProperty({ description: 'base64', example: 'q6u0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t=' }) readonly rootHash!: string;
  @ApiProperty({ example: '2026-03-09T01:00:00.000Z' }) readonly signedAt!: string;
  @ApiProperty({ description: 'The C2SP signed note: keep it, and check proofs against it', example: NOTE_EXAMPLE })
  readonly note!: string;
  @ApiProperty({ example: 'ledger.example/province+1a2b3c4d+AQIDBAUG' }) readonly verifierKey!: string;
}

export class InclusionProofViewDto implements InclusionProofView {
  @ApiProperty({ example: '0f8c8a39-5d2e-4a59-9c1e-3f7a2b6d9e01' }) readonly eventId!: string;
  @ApiProperty({ example: 7 }) readonly globalPosition!: number;
  @ApiProperty({ example: 6 }) readonly leafIndex!: number;
  @ApiProperty({ example: 12 }) readonly treeSize!: number;
  @ApiProperty({ description: 'base64 SHA-256 of the leaf (see leaf-encoding.ts)' }) readonly leafHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 section 2.1.3.1, deepest sibling first, base64' })
  readonly auditPath!: readonly string[];
  @ApiProperty({ type: String, nullable: true, description: 'The signed checkpoint of exactly treeSize, when one was signed' })
  readonly checkpoint!: string | null;
}

export class ConsistencyProofViewDto implements ConsistencyProofView {
  @ApiProperty({ example: 5 }) readonly fromSize!: number;
  @ApiProperty({ example: 12 }) readonly toSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 section 2.1.4.1, base64' }) readonly consistencyPath!: readonly string[];
  @ApiProperty({ type: String, nullable: true }) readonly fromCheckpoint!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly toCheckpoint!: string | null;
}

export class VerifierKeyViewDto {
  @ApiProperty({ example: 'ledger.example/province+1a2b3c4d+AQIDBAUG' }) readonly verifierKey!: string;
}
