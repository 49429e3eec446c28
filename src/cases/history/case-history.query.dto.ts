import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { HISTORY_TIME_BASES, type HistoryTimeBasis } from './case-history.js';

export class CaseHistoryQueryDto {
  @ApiPropertyOptional({
    description:
      'A date-time with an offset, or a global position (whole number). By time, the replay reads the facts recorded at or before it (recordedAt): what the ledger knew then, ' +
      'so facts entered late and later corrections are left out; with by=occurred it reads the facts that had happened by then (occurredAt). By position, the facts with globalPosition <= asOf. Absent: everything.',
    examples: ['2017-03-05T12:00:00+07:00', '1042'],
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly asOf?: string;

  @ApiPropertyOptional({
    enum: HISTORY_TIME_BASES,
    description: 'What a date-time asOf is compared with: recordedAt (default) or occurredAt.',
  })
  @IsOptional()
  @IsIn(HISTORY_TIME_BASES)
  readonly by?: HistoryTimeBasis;
}
