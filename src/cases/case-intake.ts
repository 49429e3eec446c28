import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain-kit/domain-error.js';
import { CommandHandler, type CommandEnvelope, type CommandResult } from '../ledger/command-handler.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ledger/event-store.port.js';
import { newAggregateId } from '../http/new-aggregate-id.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import type { RuleBook } from '../policies/rule-book.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';
import { caseDecider, type ReceiveCaseCommand } from './case.decider.js';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  caseStream,
  type CaseCategory,
  type CaseChannel,
  type CaseLocation,
  type CaseMedia,
  type CaseReporter,
} from './case.events.js';
import type { CaseState } from './case.state.js';
import { complaintAppealed } from './complaint-appealed.js';
import { FirstLevelComplaints } from './first-level-complaints.js';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../personal-data/personal-data-vault.js';
import {
  caseReporterContext,
  isSealedPersonalData,
  reporterSubjectId,
  type SealedPersonalData,
} from '../personal-data/sealed-personal-data.js';

/** Limits of what a case receipt may carry, shared by the HTTP DTO and the other callers of CaseIntake. */
export const CASE_LIMITS = {
  id: 80,
  summary: 4000,
  reporter: { name: 200, phone: 40, email: 254, address: 500, identityNumber: 40 },
  location: { address: 500, addressId: 100 },
  mediaUrl: 2000,
} as const;

/** A case id, a unit id, a visit id: letters, digits and "-" (UUIDs and the unit ids alike). */
export const CASE_REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/;

export interface CaseIntakeInput {
  /** Omit to derive it from the envelope's Idempotency-Key (or a random UUID without one). Give it
   * explicitly when one request opens several cases (e.g. a deterministic id per visit finding),
   * otherwise the second one would be taken for a repeat of the first. */
  readonly caseId?: string;
  /** The unit concerned; must be an active unit (else 422 CASE.UNIT_NOT_ACTIVE). */
  readonly unitId: string;
  readonly category: CaseCategory;
  readonly channel: CaseChannel;
  readonly summary: string;
  /** Personal data of the reporter; every field optional. */
  readonly reporter?: CaseReporter;
  /** Where the matter is (Open311 sends one with every report). */
  readonly location?: CaseLocation;
  /** The visit whose finding opened the case. */
  readonly sourceVisitId?: string;
  /** The referring unit: required with channel 'referral', refused with any other channel. */
  readonly referredFromUnitId?: string;
  /** SHA-256 (hex) of the status token the submitter is given (Open311's citizen intake). */
  readonly statusTokenHash?: string;
  /** A photo already kept in the media store (MediaStore.keep), named by its hash. */
  readonly media?: CaseMedia;
  /** A link to a photo, as the reporter gave it (http or https). */
  readonly mediaUrl?: string;
  /** For a second-level complaint: the first-level complaint case it appeals (see first-level-complaint.ts). */
  readonly firstLevelCaseId?: string;
}

export interface CaseIntakeResult extends CommandResult<CaseState> {
  readonly caseId: string;
}

/**
 * Receives a new case into the ledger: the one entry point for POST /api/v1/cases, findings of visits
 * and the Open311 gateway. Give it the envelope of the request that caused the receipt (its actor,
 * time, occurredAt and Idempotency-Key); an If-Match of that request is ignored here, as it was about
 * another resource. Throws DomainError (unit not active, referral rules, limits) like any command.
 *
 * The reporter's personal data is sealed here, at the edge, under the key of the subject
 * reporter-<caseId> (created on first use): the decider, the state and the ledger only ever hold the
 * ciphertext. A repeated receipt (same Idempotency-Key, so same case id) finds the same key and seals
 * to the same bytes (synthetic IV), so the store recognises the repeat.
 *
 *   const { caseId, state } = await intake.receive({ unitId, category: 'reflection', channel: 'visit', summary, sourceVisitId }, envelope);
 */
@Injectable()
export class CaseIntake {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rules: RuleBookQuery,
    private readonly firstLevel: FirstLevelComplaints,
  ) {}

  /**
   * The rule book as it stands, for a case command that decides by it (an extension, bounded by the
   * allowance of the rule in force): the decider is given it with the command, as it is given the unit
   * lineage, and reads nothing itself.
   */
  ruleBook(): RuleBook {
    return this.rules.current();
  }

  async receive(input: CaseIntakeInput, envelope: CommandEnvelope): Promise<CaseIntakeResult> {
    const command = await this.prepare(input, envelope);
    const result = await this.commands.handle(caseDecider, caseStream(command.caseId), command, {
      ...envelope,
      expectedRevision: undefined,
    });
    if (command.firstLevel) await this.linkAppeal(command.caseId, result.events);
    return { ...result, caseId: command.caseId };
  }

  /**
   * The ReceiveCase command for a receipt, its limits checked, its units looked up and its reporter
   * sealed, without recording it: for a command that records the receipt inside its own first event
   * (a visit finding), so that the case it opens is fixed before anything is written.
   */
  async prepare(input: CaseIntakeInput, envelope: CommandEnvelope): Promise<ReceiveCaseCommand> {
    assertWithinLimits(input);
    const caseId = input.caseId ?? newAggregateId(envelope, 'case', randomUUID);
    const unit = await this.units.reference(input.unitId);
    const referredFrom = input.referredFromUnitId === undefined ? null : await this.units.reference(input.referredFromUnitId);
    return {
      type: 'ReceiveCase',
      caseId,
      unit,
      category: input.category,
      channel: input.channel,
      summary: input.summary,
      reporter: await this.sealed(caseId, reporterOf(input.reporter), envelope.now),
      location: locationOf(input.location),
      sourceVisitId: input.sourceVisitId ?? null,
      referredFrom,
      firstLevel: input.firstLevelCaseId === undefined ? null : await this.firstLevel.asOf(input.firstLevelCaseId, envelope.occurredAt),
      media: input.media ?? null,
      mediaUrl: input.mediaUrl ?? null,
      ...(input.statusTokenHash ? { statusTokenHash: input.statusTokenHash } : {}),
    };
  }

  /**
   * Records on the first-level complaint that it was appealed (the receipt's second step): right away,
   * as the last write of the request; the process manager writes it instead if the request was cut off.
   * On a faithful repeat the receipt is read from the stream, and the step finds its event recorded.
   */
  private async linkAppeal(caseId: string, events: readonly RecordedEvent[]): Promise<void> {
    const isReceipt = (event: RecordedEvent) => event.type === 'CaseReceived';
    const receipt = events.find(isReceipt) ?? (await this.store.readStream(caseStream(caseId), { maxCount: 1 })).find(isReceipt);
    if (receipt && complaintAppealed.calledFor(receipt) !== null) await complaintAppealed.write(this.store, receipt);
  }

  /** Null when the report gave no personal data: an anonymous report has no data subject. */
  private async sealed(caseId: string, reporter: CaseReporter, now: Date): Promise<SealedPersonalData | null> {
    if (Object.keys(reporter).length === 0) return null;
    try {
      return await this.vault.seal(reporterSubjectId(caseId), caseReporterContext(caseId), reporter, now);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'PERSONAL_DATA.SUBJECT_ERASED')) throw error;
      // Erased, so the case was received before: a repeat of that receipt (or a finding opening it
      // again) gets the earlier answer, or CASE.ALREADY_RECEIVED, from the handler as any repeat does.
      const [first] = await this.store.readStream(caseStream(caseId), { maxCount: 1 });
      if (first?.type === 'CaseReceived' && isSealedPersonalData(first.data.reporter)) return first.data.reporter;
      throw error;
    }
  }
}

/** Only the fields given, so the stored event holds no undefined. */
function reporterOf(reporter: CaseReporter | undefined): CaseReporter {
  const given: CaseReporter = {};
  for (const field of ['name', 'phone', 'email', 'address', 'identityNumber'] as const) {
    const value = reporter?.[field];
    if (value !== undefined && value !== null) given[field] = value;
  }
  return given;
}

/** Null when nothing was given, so the stored event holds no empty object and no undefined. */
function locationOf(location: CaseLocation | undefined): CaseLocation | null {
  if (!location) return null;
  const given: CaseLocation = {};
  if (location.address !== undefined) given.address = location.address;
  if (location.addressId !== undefined) given.addressId = location.addressId;
  if (location.lat !== undefined && location.long !== undefined) {
    given.lat = location.lat;
    given.long = location.long;
  }
  return Object.keys(given).length > 0 ? given : null;
}

/** The HTTP DTO checks these already; callers inside the service get the same guarantees here. */
function assertWithinLimits(input: CaseIntakeInput): void {
  const problems: string[] = [];
  if (input.caseId !== undefined && !CASE_REFERENCE_ID.test(input.caseId)) problems.push('caseId');
  if (!CASE_REFERENCE_ID.test(input.unitId)) problems.push('unitId');
  if (input.referredFromUnitId !== undefined && !CASE_REFERENCE_ID.test(input.referredFromUnitId)) problems.push('referredFromUnitId');
  if (input.sourceVisitId !== undefined && !CASE_REFERENCE_ID.test(input.sourceVisitId)) problems.push('sourceVisitId');
  if (input.firstLevelCaseId !== undefined && !CASE_REFERENCE_ID.test(input.firstLevelCaseId)) problems.push('firstLevelCaseId');
  if (input.statusTokenHash !== undefined && !/^[0-9a-f]{64}$/.test(input.statusTokenHash)) problems.push('statusTokenHash');
  if (!(CASE_CATEGORIES as readonly string[]).includes(input.category)) problems.push('category');
  if (!(CASE_CHANNELS as readonly string[]).includes(input.channel)) problems.push('channel');
  if (typeof input.summary !== 'string' || input.summary.trim().length === 0 || input.summary.length > CASE_LIMITS.summary)
    problems.push('summary');
  for (const [field, max] of Object.entries(CASE_LIMITS.reporter)) {
    const value = input.reporter?.[field as keyof CaseReporter];
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > max)) problems.push(`reporter.${field}`);
  }
  const location = input.location;
  if (location !== undefined) {
    if (location.address !== undefined && (typeof location.address !== 'string' || location.address.length > CASE_LIMITS.location.address))
      problems.push('location.address');
    if (
      location.addressId !== undefined &&
      (typeof location.addressId !== 'string' || location.addressId.length > CASE_LIMITS.location.addressId)
    )
      problems.push('location.addressId');
    if (location.lat !== undefined && !(Number.isFinite(location.lat) && Math.abs(location.lat) <= 90)) problems.push('location.lat');
    if (location.long !== undefined && !(Number.isFinite(location.long) && Math.abs(location.long) <= 180)) problems.push('location.long');
    if ((location.lat === undefined) !== (location.long === undefined)) problems.push('location (lat and long go together)');
  }
  if (input.media !== undefined && !isMedia(input.media)) problems.push('media');
  if (input.mediaUrl !== undefined && !isWebLink(input.mediaUrl)) problems.push('mediaUrl');
  if (problems.length > 0)
    throw new DomainError('CASE.INVALID_RECEIPT', `The case receipt is not valid: ${problems.join(', ')}.`, 'invalid', {
      fields: problems,
    });
}

function isMedia(media: CaseMedia): boolean {
  return (
    /^[0-9a-f]{64}$/.test(media.sha256) &&
    Number.isSafeInteger(media.size) &&
    media.size > 0 &&
    /^image\/[a-z0-9.+-]{1,40}$/.test(media.mediaType)
  );
}

function isWebLink(value: string): boolean {
  if (typeof value !== 'string' || value.length > CASE_LIMITS.mediaUrl || !value.isWellFormed()) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
