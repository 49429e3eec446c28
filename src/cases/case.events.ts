import type { DomainEvent } from '../domain-kit/decider.js';
import type { EventCorrected } from '../domain-kit/corrections.js';
import type { SealedPersonalData } from '../personal-data/sealed-personal-data.js';

export const CASE_CATEGORIES = [
  'complaint',
  'complaint-second-level',
  'denunciation',
  'petition',
  'reflection',
  'proposal',
  'incident',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_CHANNELS = ['citizen-reception', 'letter', 'hotline', 'online', 'media', 'visit', 'referral'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** How the upper level may learn of a matter besides the report of the member in charge. */
export const UPPER_LEVEL_CHANNELS = [...CASE_CHANNELS, 'inspection', 'other'] as const;
export type UpperLevelChannel = (typeof UPPER_LEVEL_CHANNELS)[number];

/** must-report: goes upward promptly; within-authority: the unit resolves it itself. */
export const CASE_CLASSIFICATIONS = ['must-report', 'within-authority'] as const;
export type CaseClassification = (typeof CASE_CLASSIFICATIONS)[number];

/** Decree 31/2019 art. 3, Decree 124/2020 art. 3a: complex cases get longer limits and more extensions. */
export const CASE_COMPLEXITIES = ['complex', 'especially-complex'] as const;
export type CaseComplexity = (typeof CASE_COMPLEXITIES)[number];

/**
 * The reporter's contact details: personal data. Every field is optional: some reports are anonymous.
 * Given to CaseIntake in plaintext; never written so into the ledger (see RecordedReporter).
 */
export type CaseReporter = {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
  identityNumber?: string;
};

/**
 * The reporter as a CaseReceived carries it: sealed under the subject's own key (personal-data/), or
 * null when the report gave no personal data. Events recorded before encryption carry the plaintext
 * CaseReporter (possibly {}); the views show those by the same role rule, but they cannot be erased.
 */
export type RecordedReporter = SealedPersonalData | null | CaseReporter;

/** Where the reported matter is (not the reporter's address): a place name, an address id, a point. */
export type CaseLocation = {
  address?: string;
  addressId?: string;
  lat?: number;
  long?: number;
};

export type CaseReceived = DomainEvent<
  'CaseReceived',
  {
    caseId: string;
    unitId: string;
    category: CaseCategory;
    channel: CaseChannel;
    summary: string;
    reporter: RecordedReporter;
    /** The visit whose finding opened this case, if any. */
    sourceVisitId: string | null;
    /** The unit that referred the case (channel referral only). */
    referredFromUnitId: string | null;
    /** Where the matter is; null when the report did not say. Absent in events recorded before it existed. */
    location?: CaseLocation | null;
    /**
     * SHA-256 (hex) of the secret the submitter was given to follow the case's status (Open311), so
     * the chain covers it and a rebuild keeps it; the secret itself is never recorded. Absent otherwise.
     */
    statusTokenHash?: string;
    /** A photo sent with the report and kept in the data folder by its SHA-256; absent when none was. */
    media?: CaseMedia;
    /** A link to a photo the reporter gave (Open311's media_url), kept as given; absent when none was. */
    mediaUrl?: string;
    /**
     * A second-level complaint (khiếu nại lần hai): the first-level complaint case it appeals, when the
     * ledger holds it (Law on Complaints 02/2011/QH13 art. 33). Absent otherwise.
     */
    firstLevelCaseId?: string;
  }
>;

/** A kept photo as the ledger records it: the hash names the file, so the chain covers its bytes. */
export type CaseMedia = { sha256: string; size: number; mediaType: string };
/**
 * byOfficialId: the official who did it, when a clerk records it for them (absent otherwise: the
 * metadata names the official who recorded it themselves). Acknowledgements and actions only.
 */
export type CaseAcknowledged = DomainEvent<'CaseAcknowledged', { note: string | null; byOfficialId?: string }>;
export type CaseClassified = DomainEvent<'CaseClassified', { classification: CaseClassification; reason: string }>;
/** Exactly one of officialId and unitId is set. */
export type CaseAssigned = DomainEvent<'CaseAssigned', { officialId: string | null; unitId: string | null; dueAt: string }>;
export type CaseActionRecorded = DomainEvent<'CaseActionRecorded', { description: string; byOfficialId?: string }>;
export type CaseMarkedComplex = DomainEvent<'CaseMarkedComplex', { complexity: CaseComplexity; reason: string }>;
/** The member in charge reported the matter to a higher unit: the timely report the ledger looks for. */
export type CaseReportedUpward = DomainEvent<
  'CaseReportedUpward',
  { officialId: string; toUnitId: string; fromUnitId: string; summary: string | null }
>;
/** The upper level learned of the matter through another channel: evidence of pre-emption if it came first. */
export type UpperLevelInformed = DomainEvent<'UpperLevelInformed', { unitId: string; channel: UpperLevelChannel; note: string | null }>;
/** The matter moved to a higher unit; the handling period starts again there (no assignee, no due date). */
export type CaseEscalated = DomainEvent<'CaseEscalated', { fromUnitId: string; toUnitId: string; reason: string }>;
export type CaseDeadlineExtended = DomainEvent<
  'CaseDeadlineExtended',
  { previousDueAt: string; newDueAt: string; reason: string; extensionNumber: number }
>;
export type CaseResolved = DomainEvent<'CaseResolved', { outcome: string }>;
export type CaseClosed = DomainEvent<'CaseClosed', { note: string | null }>;
/** A new handling period: the case is open again, without due date, extensions counted afresh. */
export type CaseReopened = DomainEvent<'CaseReopened', { reason: string }>;
/**
 * The handling is suspended by a decision (tạm đình chỉ): the clocks of the rules that say so stop
 * until the case is resumed. legalGround names the article and the decision (e.g. a court case the
 * matter waits on, Law on Denunciations 25/2018/QH14 art. 34).
 */
export type CaseSuspended = DomainEvent<'CaseSuspended', { reason: string; legalGround: string }>;
/**
 * The handling goes on after a suspension. The rule in force says whether the clock continues or
 * starts again; dueAt, when given, is the handler's new due date (the one set before the pause could
 * not foresee it), null when the recorder keeps the old one.
 */
export type CaseResumed = DomainEvent<'CaseResumed', { reason: string; legalGround: string; dueAt: string | null }>;
/**
 * A visit's finding concerns this case: the link from the case to VisitFindingRecorded on
 * visit-<visitId>, written from that finding (its second step; see ledger/second-step.ts), never decided
 * on the case's own stream. It carries the finding's text, so the case's history reads without the visit.
 */
export type CaseFindingLinked = DomainEvent<
  'CaseFindingLinked',
  { visitId: string; findingId: string; findingEventId: string; text: string; severity: 'low' | 'medium' | 'high' | null }
>;

/**
 * A second-level complaint appeals this (first-level) complaint: the link from it to the CaseReceived
 * of case-<secondLevelCaseId>, written from that receipt (its second step; see ledger/second-step.ts),
 * never decided on this stream. It changes nothing of this case's handling.
 */
export type CaseAppealed = DomainEvent<'CaseAppealed', { secondLevelCaseId: string; receiptEventId: string }>;

export type CaseEvent =
  | CaseReceived
  | CaseAcknowledged
  | CaseClassified
  | CaseAssigned
  | CaseActionRecorded
  | CaseMarkedComplex
  | CaseReportedUpward
  | UpperLevelInformed
  | CaseEscalated
  | CaseDeadlineExtended
  | CaseResolved
  | CaseClosed
  | CaseReopened
  | CaseSuspended
  | CaseResumed
  | CaseFindingLinked
  | CaseAppealed
  | EventCorrected;

export const caseStream = (caseId: string): string => `case-${caseId}`;
