import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_CLASSIFICATIONS, CASE_COMPLEXITIES } from '../../cases/case.events.js';

export class CaseAssigneeView {
  @ApiProperty({ type: String, nullable: true }) readonly officialId!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly unitId!: string | null;
}

/** One case in a list: never its reporter (read the case for that, by the disclosure rules). */
export class CaseListItemView {
  @ApiProperty() readonly caseId!: string;
  @ApiProperty({ enum: ['open', 'resolved', 'closed'] }) readonly status!: string;
  @ApiProperty({ enum: CASE_CATEGORIES }) readonly category!: string;
  @ApiProperty({ enum: CASE_CHANNELS }) readonly channel!: string;
  @ApiProperty({ enum: CASE_CLASSIFICATIONS, nullable: true, type: String }) readonly classification!: string | null;
  @ApiProperty({ enum: CASE_COMPLEXITIES, nullable: true, type: String }) readonly complexity!: string | null;
  @ApiProperty({ description: 'As recorded, with its diacritics', example: 'Ô nhiễm môi trường ở thôn Đông' })
  readonly summary!: string;
  @ApiProperty({ description: 'Where the matter arose' }) readonly receivedUnitId!: string;
  @ApiProperty({ description: 'Where the case is now (after escalations)' }) readonly currentUnitId!: string;
  @ApiProperty({ type: CaseAssigneeView, nullable: true }) readonly assignee!: CaseAssigneeView | null;
  @ApiProperty({ example: '2026-03-02T08:00:00+07:00' }) readonly receivedAt!: string;
  @ApiProperty({ type: String, nullable: true }) readonly acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly assignedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The due date of the current handling period' })
  readonly dueAt!: string | null;
  @ApiProperty() readonly extensions!: number;
  @ApiProperty() readonly actionCount!: number;
  @ApiProperty({ type: String, nullable: true }) readonly reportedUpwardAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly escalatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the suspension in force began; null while the handling runs' })
  readonly suspendedAt!: string | null;
  @ApiProperty({ description: 'When the latest fact of the case occurred' }) readonly lastActivityAt!: string;
  @ApiProperty({ type: String, nullable: true }) readonly sourceVisitId!: string | null;
}

/** A page of a list: its items, the cursor of the next page and the link to it (null on the last page). */
export class CaseListPageView {
  @ApiProperty({ type: [CaseListItemView] }) readonly items!: readonly CaseListItemView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page' }) readonly nextAfter!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '/api/v1/cases?status=open&after=WyItcmVjZWl2ZWQiLDE3NDA5LDEyXQ' })
  readonly next!: string | null;
  @ApiPropertyOptional({ description: 'The moment overdue and due-soon were judged at' }) readonly asOf?: string;
  @ApiPropertyOptional({ description: 'With count=true: how many cases the filters find, over all pages' }) readonly total?: number;
}
