import { randomUUID } from 'node:crypto';
import type { ExpectedRevision, EventStore, JsonObject, NewEvent } from '../../src/ledger/event-store.port.js';

/**
 * A synthetic province written straight through the EventStore port, with the real event types and
 * data shapes (src/∗∗/∗.events.ts), so the projections see real facts. The deciders are not run: the
 * facts are plausible by construction (every case is acknowledged before it is classified, assigned
 * before it is resolved, and so on), which is all a read-side benchmark needs.
 *
 * Shape: 1 province, 9 districts, 90 communes (100 territorial units), each with a Party committee
 * and one Party cell under it: 300 units. 1,000 officials spread over the territorial units, each
 * assigned to their unit's committee; a member of each district is in charge of each of its communes.
 * Monthly meetings of every committee and cell from January 2024 to October 2026, a visit a quarter
 * per official, then cases (about 9 events each) until the requested number of events is reached.
 */
export interface Province {
  readonly provinceId: string;
  readonly officialIds: readonly string[];
  readonly caseIds: readonly string[];
  readonly events: number;
  readonly streams: number;
}

interface Stream {
  readonly streamId: string;
  readonly events: NewEvent[];
}

const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
/** Last month with meetings and last day a case is received: before "now" (late 2026), inside the holiday data. */
const MONTHS = 34;
const LAST_CASE_DAY = Date.parse('2026-10-15T00:00:00Z');
const DISTRICTS = 9;
const COMMUNES_PER_DISTRICT = 10;
const OFFICIALS = 1000;

/**
 * What citizens report, varied so that a search finds some cases rather than all: a matter (one of 12)
 * at a place (one of 60 hamlets), chosen by the case's number, so the random sequence is unchanged.
 */
const MATTERS = [
  'Người dân phản ánh tình trạng ô nhiễm từ cơ sở nhuộm gần kênh',
  'Đê bao bị sạt lở sau mưa lớn',
  'Đường liên thôn xuống cấp, nhiều ổ gà',
  'Tranh chấp đất đai giữa hai hộ gia đình',
  'Chậm chi trả tiền bồi thường giải phóng mặt bằng',
  'Rác thải sinh hoạt không được thu gom',
  'Cống thoát nước bị tắc gây ngập úng',
  'Xây dựng nhà trái phép trên đất nông nghiệp',
  'Karaoke gây ồn ào sau 22 giờ',
  'Cán bộ xã chậm giải quyết hồ sơ chứng thực',
  'Khai thác cát trái phép trên sông',
  'Trạm biến áp gây mất điện kéo dài',
];
const HAMLETS = Array.from(
  { length: 60 },
  (_, index) => `thôn ${['Đông', 'Tây', 'Nam', 'Bắc', 'Hưởng', 'Thượng'][index % 6]} ${index + 1}`,
);
function summaryOf(caseNumber: number): string {
  return `${MATTERS[caseNumber % MATTERS.length]}, ${HAMLETS[Math.floor(caseNumber / MATTERS.length) % HAMLETS.length]}`;
}

/** Deterministic, so two runs build the same province (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An instant as Vietnam's local time with its offset, like the service writes. */
function vietnamTime(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

const pad = (value: number, width = 6): string => String(value).padStart(width, '0');

function event(type: string, data: JsonObject, occurredAtMs: number, actor: string, causationId: string | null = null): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, correlationId: randomUUID(), causationId, occurredAt: vietnamTime(occurredAtMs) },
  };
}

interface Unit {
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: 'province' | 'district' | 'commune' | 'party-committee' | 'party-cell';
  readonly name: string;
}

/** Appends every stream of the province, `writers` appends in flight at a time (group commit). */
export async function generateProvince(
  store: EventStore,
  targetEvents: number,
  writers = 256,
  onProgress?: (events: number) => void,
): Promise<Province> {
  const next = random(20240101);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];

  // Units: territorial ones first, each followed by its committee and cell.
  const territorial: Unit[] = [{ id: 'u-province', parentId: null, kind: 'province', name: 'Tỉnh Thử Nghiệm' }];
  for (let d = 0; d < DISTRICTS; d += 1) {
    const districtId = `u-d${d}`;
    territorial.push({ id: districtId, parentId: 'u-province', kind: 'district', name: `Huyện ${d + 1}` });
    for (let c = 0; c < COMMUNES_PER_DISTRICT; c += 1)
      territorial.push({ id: `u-d${d}-c${c}`, parentId: districtId, kind: 'commune', name: `Xã ${d + 1}.${c + 1}` });
  }
  const committeeOf = (unitId: string): string => `${unitId}-pc`;
  const cellOf = (unitId: string): string => `${unitId}-pcell`;
  const units: Unit[] = territorial.flatMap((unit) => [
    unit,
    { id: committeeOf(unit.id), parentId: unit.id, kind: 'party-committee' as const, name: `Đảng ủy ${unit.name}` },
    { id: cellOf(unit.id), parentId: committeeOf(unit.id), kind: 'party-cell' as const, name: `Chi bộ ${unit.name}` },
  ]);

  // Officials: 1,000, the province and districts better staffed than communes.
  const officialsAt = new Map<string, string[]>(territorial.map((unit) => [unit.id, []]));
  const officialIds: string[] = [];
  const homeOf = new Map<string, string>();
  for (let index = 0; index < OFFICIALS; index += 1) {
    const home =
      index < 40
        ? 'u-province'
        : index < 40 + DISTRICTS * 20
          ? `u-d${(index - 40) % DISTRICTS}`
          : territorial[1 + ((index - 40 - DISTRICTS * 20) % (territorial.length - 1))].id;
    const officialId = `o-${pad(index, 4)}`;
    officialIds.push(officialId);
    officialsAt.get(home)?.push(officialId);
    homeOf.set(officialId, home);
  }
  const communes = territorial.filter((unit) => unit.kind === 'commune');
  const districts = territorial.filter((unit) => unit.kind === 'district');
  // Who is in charge of a unit's matters: its own first official, and for a commune a district member.
  const inCharge = new Map<string, string[]>(territorial.map((unit) => [unit.id, (officialsAt.get(unit.id) ?? []).slice(0, 3)]));
  const memberInChargeOfCommune = new Map<string, string>();
  for (const commune of communes) {
    const member = pick(officialsAt.get(commune.parentId ?? '') ?? []);
    memberInChargeOfCommune.set(commune.id, member);
  }
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));

  function* streams(): Generator<Stream> {
    const t0 = START - 30 * DAY;
    for (const unit of units) {
      yield {
        streamId: `unit-${unit.id}`,
        events: [event('UnitRegistered', { unitId: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId }, t0, 'user:admin')],
      };
    }
    for (const officialId of officialIds) {
      const home = homeOf.get(officialId) ?? 'u-province';
      const events = [
        event(
          'OfficialRegistered',
          { officialId, fullName: `Cán bộ ${officialId}`, position: 'Ủy viên', unitId: home },
          t0 + DAY,
          'user:admin',
        ),
      ];
      const assign = (unitId: string, role: string): void => {
        events.push(
          event(
            'ResponsibilityAssigned',
            { assignmentId: randomUUID(), unitId, role, from: '2024-01-01', to: null },
            t0 + 2 * DAY,
            'user:admin',
          ),
        );
      };
      assign(committeeOf(home), (inCharge.get(home) ?? []).includes(officialId) ? 'standing-committee-member' : 'other');
      for (const [communeId, member] of memberInChargeOfCommune) if (member === officialId) assign(communeId, 'committee-member-in-charge');
      yield { streamId: `official-${officialId}`, events };
    }
    // Monthly meetings of every committee and cell, most members present.
    let meetings = 0;
    for (let month = 0; month < MONTHS; month += 1) {
      for (const unit of territorial) {
        for (const [kind, unitId] of [
          ['party-committee', committeeOf(unit.id)],
          ['party-cell', cellOf(unit.id)],
        ] as const) {
          const heldAtMs = Date.UTC(2024, month, 5 + Math.floor(next() * 20), 1 + Math.floor(next() * 6));
          const attendees = (officialsAt.get(unit.id) ?? []).filter(() => next() < 0.85);
          const meetingId = `m-${pad((meetings += 1))}`;
          yield {
            streamId: `meeting-${meetingId}`,
            events: [
              event(
                'MeetingHeld',
                { meetingId, unitId, kind, heldAt: vietnamTime(heldAtMs), attendees, agendaSummary: 'Sinh hoạt định kỳ tháng' },
                heldAtMs + 3 * 3_600_000,
                'user:secretary',
              ),
            ],
          };
        }
      }
    }
    // A visit a quarter per official, to a commune of their area; one in five opens a case.
    let visits = 0;
    let cases = 0;
    const caseStream = (caseId: string, unitId: string, receivedMs: number, channel: string, sourceVisitId: string | null): Stream => {
      const events: NewEvent[] = [];
      let at = receivedMs;
      const later = (maxDays: number): number => (at += Math.max(3_600_000, Math.floor(next() * maxDays * DAY)));
      const clerk = 'user:clerk';
      const category = pick(['complaint', 'denunciation', 'petition', 'reflection', 'proposal', 'incident']);
      events.push(
        event(
          'CaseReceived',
          {
            caseId,
            unitId,
            category,
            channel,
            summary: summaryOf(cases),
            reporter: { name: 'Nguyễn Văn A', phone: '0900000000' },
            sourceVisitId,
            referredFromUnitId: null,
            location: { address: 'Ấp 4' },
          },
          at,
          clerk,
        ),
      );
      events.push(event('CaseAcknowledged', { note: null }, later(3), clerk));
      const mustReport = next() < 0.25;
      events.push(
        event(
          'CaseClassified',
          { classification: mustReport ? 'must-report' : 'within-authority', reason: 'Theo thẩm quyền' },
          later(5),
          clerk,
        ),
      );
      let currentUnit = unitId;
      const handler = (): string => pick(inCharge.get(currentUnit)?.length ? (inCharge.get(currentUnit) ?? []) : officialIds);
      let assignee = handler();
      events.push(event('CaseAssigned', { officialId: assignee, unitId: null, dueAt: vietnamTime(at + 30 * DAY) }, later(3), clerk));
      if (mustReport) {
        const member = memberInChargeOfCommune.get(currentUnit) ?? assignee;
        const upper = parentOf.get(currentUnit) ?? 'u-province';
        if (next() < 0.15) events.push(event('UpperLevelInformed', { unitId: upper, channel: 'hotline', note: null }, later(4), clerk));
        if (next() < 0.9)
          events.push(
            event(
              'CaseReportedUpward',
              { officialId: member, toUnitId: upper, fromUnitId: currentUnit, summary: null },
              later(6),
              `user:${member}`,
            ),
          );
      }
      const actions = 1 + Math.floor(next() * 4);
      for (let action = 0; action < actions; action += 1)
        events.push(
          event('CaseActionRecorded', { description: 'Kiểm tra hiện trường, làm việc với hộ dân' }, later(6), `user:${assignee}`),
        );
      if (next() < 0.06 && currentUnit !== 'u-province') {
        const upper = parentOf.get(currentUnit) ?? 'u-province';
        events.push(event('CaseEscalated', { fromUnitId: currentUnit, toUnitId: upper, reason: 'Vượt thẩm quyền' }, later(5), clerk));
        currentUnit = upper;
        assignee = handler();
        events.push(event('CaseAssigned', { officialId: assignee, unitId: null, dueAt: vietnamTime(at + 45 * DAY) }, later(3), clerk));
      }
      if (next() < 0.05)
        events.push(
          event(
            'CaseDeadlineExtended',
            { previousDueAt: vietnamTime(at + 30 * DAY), newDueAt: vietnamTime(at + 60 * DAY), reason: 'Phức tạp', extensionNumber: 1 },
            later(2),
            clerk,
          ),
        );
      if (next() < 0.92) {
        events.push(event('CaseResolved', { outcome: 'Đã xử lý, trả lời người dân' }, later(30), `user:${assignee}`));
        if (next() < 0.9) events.push(event('CaseClosed', { note: null }, later(5), clerk));
      }
      return { streamId: `case-${caseId}`, events };
    };
    const caseIds: string[] = [];
    province.caseIds = caseIds;
    for (let quarter = 0; quarter < 11; quarter += 1) {
      for (const officialId of officialIds) {
        const visitId = `v-${pad((visits += 1))}`;
        const home = homeOf.get(officialId) ?? 'u-province';
        const unitId = communes.find((commune) => commune.parentId === home || commune.id === home)?.id ?? pick(communes).id;
        const plannedMs = Date.UTC(2024, quarter * 3, 1) + Math.floor(next() * 80) * DAY + 2 * 3_600_000;
        const participants = [officialId, ...(officialsAt.get(unitId) ?? []).slice(0, 2)];
        const events = [
          event(
            'VisitScheduled',
            {
              visitId,
              kind: next() < 0.8 ? 'periodic' : 'unscheduled',
              purpose: 'Nắm tình hình cơ sở',
              place: null,
              unitId,
              participants,
              plannedFor: vietnamTime(plannedMs),
              publishedInCalendar: true,
            },
            plannedMs - 7 * DAY,
            `user:${officialId}`,
          ),
          event(
            'VisitConducted',
            {
              startedAt: vietnamTime(plannedMs),
              endedAt: vietnamTime(plannedMs + 3 * 3_600_000),
              presentParticipants: participants.filter(() => next() < 0.9),
              others: 'Lãnh đạo xã',
            },
            plannedMs + 4 * 3_600_000,
            `user:${officialId}`,
          ),
        ];
        const opensCase = next() < 0.2;
        const caseId = opensCase ? `c${pad((cases += 1), 7)}` : null;
        events.push(
          event(
            'VisitFindingRecorded',
            { findingId: randomUUID(), text: 'Đường giao thông xuống cấp', severity: pick(['low', 'medium', 'high']), caseId },
            plannedMs + 5 * 3_600_000,
            `user:${officialId}`,
          ),
        );
        yield { streamId: `visit-${visitId}`, events };
        if (caseId !== null) {
          caseIds.push(caseId);
          const stream = caseStream(caseId, unitId, plannedMs + 6 * 3_600_000, 'visit', visitId);
          yield stream;
        }
      }
    }
    // Citizens' cases until the target: received at communes (mostly) and districts, over the three years.
    const receivers = [...communes, ...communes, ...communes, ...districts];
    while (province.events < targetEvents) {
      const caseId = `c${pad((cases += 1), 7)}`;
      caseIds.push(caseId);
      const receivedMs = START + Math.floor(next() * (LAST_CASE_DAY - START)) + 2 * 3_600_000;
      const stream = caseStream(caseId, pick(receivers).id, receivedMs, pick(['citizen-reception', 'letter', 'hotline', 'online']), null);
      yield stream;
    }
  }

  const province = { provinceId: 'u-province', officialIds, caseIds: [] as string[], events: 0, streams: 0 };
  const source = streams();
  let reported = 0;
  // `writers` concurrent appenders pulling from one generator: each append is a whole stream.
  const writer = async (): Promise<void> => {
    for (;;) {
      const next = source.next();
      if (next.done) return;
      const { streamId, events } = next.value;
      province.events += events.length;
      province.streams += 1;
      await store.append(streamId, events, 'no-stream' satisfies ExpectedRevision);
      if (onProgress && province.events - reported >= 50_000) {
        reported = province.events;
        onProgress(province.events);
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, () => writer()));
  return province;
}
