import { ApiProperty } from '@nestjs/swagger';
import { CaseListItemView } from './case-list.view.js';
import { VisitListItemView } from './directory-lists.view.js';

class SectionLinks {
  @ApiProperty({
    description: 'The whole list this section is the first page of',
    example: '/api/v1/cases?assignedOfficialId=o-1&status=open',
  })
  readonly list!: string;
  @ApiProperty({ description: 'Whether the list has more than the items shown' }) readonly more!: boolean;
}

export class CaseSectionView extends SectionLinks {
  @ApiProperty({ type: [CaseListItemView] }) readonly items!: readonly unknown[];
}

export class VisitSectionView extends SectionLinks {
  @ApiProperty({ type: [VisitListItemView] }) readonly items!: readonly unknown[];
}

export class WorklistView {
  @ApiProperty({ example: '2026-03-04T08:00:00+07:00' }) readonly asOf!: string;
  @ApiProperty() readonly dueSoonWorkingDays!: number;
  @ApiProperty({ type: CaseSectionView, description: 'Open cases assigned (to the official, or in the unit), earliest due first' })
  readonly assigned!: CaseSectionView;
  @ApiProperty({ type: CaseSectionView, description: 'Of those, due within dueSoonWorkingDays working days' })
  readonly dueSoon!: CaseSectionView;
  @ApiProperty({ type: CaseSectionView, description: 'Of those, past due' }) readonly overdue!: CaseSectionView;
  @ApiProperty({ type: CaseSectionView, description: 'Open must-report matters not yet reported upward' })
  readonly notReportedUpward!: CaseSectionView;
  @ApiProperty({ type: VisitSectionView, description: 'Scheduled visits from asOf on' }) readonly visitsPlanned!: VisitSectionView;
}

export class UnitWorklistView extends WorklistView {
  @ApiProperty() readonly unitId!: string;
}

export class OfficialWorklistView extends WorklistView {
  @ApiProperty({ description: 'The official the worklist is of: the token subject' }) readonly officialId!: string;
}
