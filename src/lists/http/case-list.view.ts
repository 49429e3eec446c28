import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_CLASSIFICATIONS, CASE_COMPLEXITIES } from '../../cases/case.events.js';
import { SNIPPET_FIELDS, SNIPPET_LENGTH } from '../search-snippet.js';

/** A span of a snippet's text: offsets in UTF-16 code units (as JavaScript strings index them), end exclusive. */
export class SnippetHighlightView {
  @ApiProperty({ example: 0 }) readonly start!: number;
  @ApiProperty({ example: 7 }) readonly end!: number;
}

/** Where the words of a search matched a case, in its text as recorded (with diacritics), the matches marked. */
export class CaseSnippetView {
  @ApiProperty({ enum: SNIPPET_FIELDS, description: 'Which text of the case: its summary, an outcome, an action or a finding' })
  readonly field!: string;
  @ApiProperty({
    description: `The text, or its part (at most ${SNIPPET_LENGTH} characters, cut at word boundaries with "…") around the matches`,
    example: 'Ô nhiễm môi trường ở thôn Đông',
  })
  readonly text!: string;
  @ApiProperty({
    type: [SnippetHighlightView],
    description: 'The matched words (a quoted phrase as one span), in order; render them marked, the text between them as plain text',
    example: [{ start: 0, end: 7 }],
  })
  readonly highlights!: readonly SnippetHighlightView[];
}

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
  @ApiPropertyOptional({
    type: CaseSnippetView,
    nullable: true,
    description: 'Only with q: where its words matched (the text that holds most of them, the summary first)',
  })
  readonly snippet?: CaseSnippetView | null;
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
