import type { CaseListItem } from './case-list-item.js';
import type { CaseListFilter, CaseListQuery } from './case-list.query.js';
import type { DirectoryListsQuery } from './directory-lists.query.js';
import type { ListScope } from './list-scope.js';

/** A part of a worklist: the first items, and the query of the whole list (the page's filters, for GET). */
export interface WorklistSection<Item> {
  readonly items: readonly Item[];
  /** The list this section is the first page of, to page through it. */
  readonly list: string;
  readonly more: boolean;
}

export interface Worklist {
  readonly asOf: string;
  readonly dueSoonWorkingDays: number;
  readonly assigned: WorklistSection<CaseListItem>;
  readonly dueSoon: WorklistSection<CaseListItem>;
  readonly overdue: WorklistSection<CaseListItem>;
  readonly notReportedUpward: WorklistSection<CaseListItem>;
  readonly visitsPlanned: WorklistSection<Record<string, unknown>>;
}

export interface WorklistRequest {
  readonly asOf: string;
  readonly dueSoonWorkingDays: number;
  readonly limit: number;
}

/**
 * What an official, or the leaders of a unit, have to do now: the case list and the visits list,
 * asked a few questions, each answer within the caller's scope.
 */
export class Worklists {
  constructor(
    private readonly cases: CaseListQuery,
    private readonly directory: DirectoryListsQuery,
  ) {}

  /**
   * The official's own: cases assigned to them, those due soon or overdue; the must-report matters of
   * the units they are in charge of (or assigned to them) not yet reported upward; their planned visits.
   */
  ofOfficial(officialId: string, request: WorklistRequest, callerScope: ListScope): Worklist {
    const assigned = { assignedOfficialId: officialId, status: 'open' as const };
    return this.worklist(request, {
      assigned: [assigned, [callerScope]],
      dueSoon: [{ ...assigned, dueWithinWorkingDays: request.dueSoonWorkingDays }, [callerScope]],
      overdue: [{ ...assigned, overdue: true }, [callerScope]],
      notReportedUpward: [{ inChargeOf: officialId, notReportedUpward: true }, [callerScope]],
      visits: { participantId: officialId },
      visitScope: callerScope,
    });
  }

  /** A unit's (with the units under it and those merged into it): what its leaders follow. */
  ofUnit(unitId: string, request: WorklistRequest, callerScope: ListScope): Worklist {
    const unit = { unitId, below: true, status: 'open' as const };
    return this.worklist(request, {
      assigned: [unit, [callerScope]],
      dueSoon: [{ ...unit, dueWithinWorkingDays: request.dueSoonWorkingDays }, [callerScope]],
      overdue: [{ ...unit, overdue: true }, [callerScope]],
      notReportedUpward: [{ unitId, below: true, notReportedUpward: true }, [callerScope]],
      visits: { unitId, below: true },
      visitScope: callerScope,
    });
  }

  private worklist(request: WorklistRequest, questions: Questions): Worklist {
    const { asOf, limit } = request;
    const ask = ([filter, scopes]: CaseQuestion): WorklistSection<CaseListItem> => {
      const full: CaseListFilter = { ...filter, asOf, sort: 'due', limit };
      const page = this.cases.list(full, ...scopes);
      return { items: page.items, more: page.nextAfter !== null, list: caseListLink(full) };
    };
    const visitFilter = { ...questions.visits, status: 'scheduled' as const, from: asOf, descending: false, limit };
    const visits = this.directory.visits(visitFilter, questions.visitScope);
    return {
      asOf,
      dueSoonWorkingDays: request.dueSoonWorkingDays,
      assigned: ask(questions.assigned),
      dueSoon: ask(questions.dueSoon),
      overdue: ask(questions.overdue),
      notReportedUpward: ask(questions.notReportedUpward),
      visitsPlanned: {
        items: visits.items,
        more: visits.nextAfter !== null,
        list: `/api/v1/visits?${query({ ...questions.visits, status: 'scheduled', from: asOf, sort: 'plannedFor' })}`,
      },
    };
  }
}

type CaseQuestion = readonly [Omit<CaseListFilter, 'asOf' | 'sort' | 'limit'>, readonly ListScope[]];
interface Questions {
  readonly assigned: CaseQuestion;
  readonly dueSoon: CaseQuestion;
  readonly overdue: CaseQuestion;
  readonly notReportedUpward: CaseQuestion;
  readonly visits: { readonly participantId?: string; readonly unitId?: string; readonly below?: boolean };
  readonly visitScope: ListScope;
}

function caseListLink(filter: CaseListFilter): string {
  const { limit: _limit, ...shown } = filter;
  return `/api/v1/cases?${query(shown)}`;
}

function query(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, String(value));
  return params.toString();
}
