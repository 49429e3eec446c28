import { existsSync } from 'node:fs';
import { embeddedSecret, embeddedSecretPath } from '../auth/jwt/embedded-secret.js';
import { ROLES } from '../auth/principal.js';
import { mintEmbeddedToken } from '../auth/token-minter.js';
import { loadLedgerConfig } from '../config/ledger.config.js';
import type { components } from '../../web/src/api/schema.js';
import { caseAnswer, checkHealth, idempotent, ledgerApi, recorded, type LedgerApi } from './ledger-client.js';

type Schemas = components['schemas'];

/**
 * npm run seed:demo — records a province scenario drawn from the source article (Hải Dương, March 2017)
 * through the HTTP API of a running service: leaders' visits on one published work day; a district
 * pollution complaint the district secretary went to see in person; committee members with monthly
 * meeting duties, one of whom misses months; a must-report matter the upper committee learned of
 * before the member in charge reported it. The leaders named in the article appear only for the visits
 * the article reports; the committee members and the failures are invented.
 */
let api: LedgerApi;

/** Without LEDGER_TOKEN, the demo mints its own token (subject demo-seed, every role) from the data folder the service uses. */
function demoToken(): Promise<string> {
  const { dataDir } = loadLedgerConfig(process.env);
  if (!existsSync(embeddedSecretPath(dataDir))) {
    throw new Error(
      `No token secret in ${dataDir}: start the service first (npm start), set LEDGER_DATA_DIR to its data folder, or pass LEDGER_TOKEN.`,
    );
  }
  return mintEmbeddedToken(embeddedSecret(dataDir), { subject: 'demo-seed', roles: ROLES, units: 'all', ttlSeconds: 3600 });
}
const at = (date: string, time = '08:00') => `${date}T${time}:00+07:00`;

async function units(): Promise<void> {
  const unit = (unitId: string, name: string, kind: Schemas['RegisterUnitRequestDto']['kind'], parentId?: string) =>
    recorded(
      api.POST('/api/v1/units', {
        headers: idempotent(`unit:${unitId}`),
        body: { unitId, name, kind, ...(parentId ? { parentId } : {}), occurredAt: at('2016-01-04') },
      }),
    );
  await unit('hai-duong', 'Tỉnh Hải Dương', 'province');
  await unit('tinh-uy-hai-duong', 'Tỉnh ủy Hải Dương', 'party-committee', 'hai-duong');
  await unit('so-nn-ptnt', 'Sở Nông nghiệp và Phát triển nông thôn', 'department', 'hai-duong');
  await unit('gia-loc', 'Huyện Gia Lộc', 'district', 'hai-duong');
  await unit('huyen-uy-gia-loc', 'Huyện ủy Gia Lộc', 'party-committee', 'gia-loc');
  for (const [commune, name] of [
    ['gia-tan', 'Xã Gia Tân'],
    ['thong-nhat', 'Xã Thống Nhất'],
  ]) {
    await unit(commune, name, 'commune', 'gia-loc');
    await unit(`dang-uy-${commune}`, `Đảng ủy ${name}`, 'party-committee', commune);
    await unit(`chi-bo-${commune}-1`, `Chi bộ thôn 1, ${name}`, 'party-cell', commune);
    await unit(`chi-bo-${commune}-2`, `Chi bộ thôn 2, ${name}`, 'party-cell', commune);
  }
  await unit('kiep-bac', 'Khu di tích Côn Sơn - Kiếp Bạc', 'agency', 'hai-duong');
}

async function officials(): Promise<void> {
  const official = (officialId: string, fullName: string, position: string, unitId: string) =>
    recorded(
      api.POST('/api/v1/officials', {
        headers: idempotent(`official:${officialId}`),
        body: { officialId, fullName, position, unitId, occurredAt: at('2016-01-05') },
      }),
    );
  await official('nguyen-duong-thai', 'Nguyễn Dương Thái', 'Chủ tịch UBND tỉnh', 'hai-duong');
  await official('nguyen-anh-cuong', 'Nguyễn Anh Cương', 'Phó Chủ tịch Thường trực UBND tỉnh', 'hai-duong');
  await official('vuong-duc-sang', 'Vương Đức Sáng', 'Phó Chủ tịch UBND tỉnh', 'hai-duong');
  await official('luong-van-cau', 'Lương Văn Cầu', 'Phó Chủ tịch UBND tỉnh', 'hai-duong');
  await official('pham-quang-huong', 'Phạm Quang Hưởng', 'Bí thư Huyện ủy Gia Lộc', 'huyen-uy-gia-loc');
  // Invented committee members of the district, in charge of one commune each.
  await official('tran-van-minh', 'Trần Văn Minh (demo)', 'Huyện ủy viên', 'huyen-uy-gia-loc');
  await official('le-thi-hoa', 'Lê Thị Hoa (demo)', 'Huyện ủy viên', 'huyen-uy-gia-loc');
  await official('do-van-hung', 'Đỗ Văn Hùng (demo)', 'Bí thư Đảng ủy xã Thống Nhất', 'dang-uy-thong-nhat');
  await official('ngo-thi-lan', 'Ngô Thị Lan (demo)', 'Bí thư Đảng ủy xã Gia Tân', 'dang-uy-gia-tan');
  const assign = (officialId: string, unitId: string, role: Schemas['AssignResponsibilityRequestDto']['role']) =>
    recorded(
      api.POST('/api/v1/officials/{officialId}/assignments', {
        params: { path: { officialId } },
        headers: idempotent(`assignment:${officialId}:${unitId}`),
        body: {
          unitId,
          role,
          from: '2017-01-01',
          occurredAt: at('2016-12-28'),
        },
      }),
    );
  await assign('tran-van-minh', 'gia-tan', 'committee-member-in-charge');
  await assign('le-thi-hoa', 'thong-nhat', 'committee-member-in-charge');
  await assign('pham-quang-huong', 'gia-loc', 'leader');
}

/** Every month of 2017: each commune's party committee and one party cell meet. */
async function monthlyMeetings(): Promise<void> {
  const missedByHoa = new Set(['03', '05']);
  for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) {
    for (const [commune, secretary, member] of [
      ['gia-tan', 'ngo-thi-lan', 'tran-van-minh'],
      ['thong-nhat', 'do-van-hung', 'le-thi-hoa'],
    ]) {
      const present = member === 'le-thi-hoa' && missedByHoa.has(month) ? [secretary] : [secretary, member];
      const meeting = (kind: Schemas['RecordMeetingRequestDto']['kind'], unitId: string, day: string) =>
        recorded(
          api.POST('/api/v1/meetings', {
            headers: idempotent(`meeting:${unitId}:${month}`),
            body: {
              meetingId: `${unitId}-2017-${month}`,
              unitId,
              kind,
              heldAt: at(`2017-${month}-${day}`, '14:00'),
              attendees: present,
            },
          }),
        );
      await meeting('party-committee', `dang-uy-${commune}`, '05');
      await meeting('party-cell', `chi-bo-${commune}-1`, '12');
    }
  }
}

/** Thursday 9 March 2017, as the provincial People's Committee's published calendar shows it. */
async function leadersVisits(): Promise<void> {
  const visit = async (
    visitId: string,
    participants: string[],
    unitId: string,
    purpose: string,
    place: string,
    from: string,
    to: string,
  ) => {
    await recorded(
      api.POST('/api/v1/visits', {
        headers: idempotent(`visit:${visitId}`),
        body: {
          visitId,
          kind: 'periodic',
          purpose,
          place,
          unitId,
          participants,
          plannedFor: at('2017-03-09', from),
          publishedInCalendar: true,
          occurredAt: at('2017-03-06'),
        },
      }),
    );
    await recorded(
      api.POST('/api/v1/visits/{visitId}/conduct', {
        params: { path: { visitId } },
        headers: idempotent(`visit:${visitId}:conduct`),
        body: {
          startedAt: at('2017-03-09', from),
          endedAt: at('2017-03-09', to),
          presentParticipants: participants,
          occurredAt: at('2017-03-09', '17:00'),
        },
      }),
    );
  };
  await visit(
    '2017-03-09-san-xuat',
    ['nguyen-duong-thai', 'nguyen-anh-cuong'],
    'gia-loc',
    'Kiểm tra tình hình sản xuất tại cơ sở',
    'Huyện Gia Lộc',
    '07:30',
    '11:00',
  );
  await visit(
    '2017-03-09-du-an',
    ['vuong-duc-sang'],
    'hai-duong',
    'Kiểm tra tình hình thực hiện một số dự án đầu tư',
    'Tỉnh Hải Dương',
    '08:00',
    '11:30',
  );
  await visit(
    '2017-03-09-kiep-bac',
    ['luong-van-cau'],
    'kiep-bac',
    'Kiểm tra, đôn đốc việc thu hồi 3 ao ở đền Kiếp Bạc',
    'Đền Kiếp Bạc',
    '08:00',
    '10:30',
  );
}

/** Residents complain of pollution from a production project; the district secretary goes to see. */
async function pollutionComplaint(): Promise<void> {
  const received = await recorded(
    api.POST('/api/v1/cases', {
      headers: idempotent('case:pollution'),
      body: {
        unitId: 'gia-tan',
        category: 'complaint',
        channel: 'citizen-reception',
        summary: 'Dự án sản xuất gây ô nhiễm môi trường: khói, mùi và nước thải ra mương tưới (demo).',
        reporter: { name: 'Người dân thôn 1 (demo)', phone: '0220 3000 000' },
        location: { address: 'Thôn 1, xã Gia Tân, huyện Gia Lộc' },
        occurredAt: at('2017-02-20', '09:00'),
      },
    }),
  );
  const { caseId } = caseAnswer(received);
  await recorded(
    api.POST('/api/v1/cases/{caseId}/acknowledgements', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:ack'),
      body: { occurredAt: at('2017-02-21') },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/classifications', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:classify'),
      body: {
        classification: 'within-authority',
        reason: 'Environmental matter the district can resolve',
        occurredAt: at('2017-02-21', '10:00'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/escalations', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:escalate'),
      body: {
        toUnitId: 'gia-loc',
        reason: 'Needs the district environment office and the works owner',
        occurredAt: at('2017-02-22'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/assignments', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:assign'),
      body: {
        officialId: 'pham-quang-huong',
        dueAt: at('2017-03-24', '17:00'),
        occurredAt: at('2017-02-22', '14:00'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/visits', {
      headers: idempotent('visit:pollution'),
      body: {
        visitId: '2017-02-24-o-nhiem',
        kind: 'unscheduled',
        purpose: 'Trực tiếp kiểm tra dự án bị nhân dân kiến nghị gây ô nhiễm môi trường',
        place: 'Thôn 1, xã Gia Tân',
        unitId: 'gia-tan',
        participants: ['pham-quang-huong'],
        plannedFor: at('2017-02-24', '08:00'),
        occurredAt: at('2017-02-23'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/visits/{visitId}/conduct', {
      params: { path: { visitId: '2017-02-24-o-nhiem' } },
      headers: idempotent('visit:pollution:conduct'),
      body: {
        startedAt: at('2017-02-24', '08:00'),
        endedAt: at('2017-02-24', '11:00'),
        presentParticipants: ['pham-quang-huong'],
        others: 'Chủ doanh nghiệp; Phòng Tài nguyên và Môi trường',
        occurredAt: at('2017-02-24', '15:00'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/visits/{visitId}/findings', {
      params: { path: { visitId: '2017-02-24-o-nhiem' } },
      headers: idempotent('visit:pollution:finding'),
      body: {
        findingId: 'nuoc-thai',
        text: 'Nước thải chưa qua xử lý chảy ra mương tưới',
        severity: 'high',
        occurredAt: at('2017-02-24', '15:30'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/actions', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:action'),
      body: {
        description: 'Làm việc với chủ doanh nghiệp và cơ quan chức năng; yêu cầu lắp đặt hệ thống xử lý',
        occurredAt: at('2017-02-24', '16:00'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/resolutions', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:resolve'),
      body: {
        outcome: 'Doanh nghiệp lắp hệ thống xử lý nước thải; đã kiểm tra lại',
        occurredAt: at('2017-03-20'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/closures', {
      params: { path: { caseId } },
      headers: idempotent('case:pollution:close'),
      body: { occurredAt: at('2017-03-21') },
    }),
  );
}

/** A gathering in Thống Nhất: must be reported, but the district's Standing Committee hears of it first. */
async function preemptedMatter(): Promise<void> {
  const received = await recorded(
    api.POST('/api/v1/cases', {
      headers: idempotent('case:gathering'),
      body: {
        unitId: 'thong-nhat',
        category: 'incident',
        channel: 'hotline',
        summary: 'Tụ tập đông người phản đối việc thu hồi đất tại thôn 2 (demo).',
        occurredAt: at('2017-04-10', '07:30'),
      },
    }),
  );
  const { caseId } = caseAnswer(received);
  await recorded(
    api.POST('/api/v1/cases/{caseId}/acknowledgements', {
      params: { path: { caseId } },
      headers: idempotent('case:gathering:ack'),
      body: { occurredAt: at('2017-04-10', '08:00') },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/classifications', {
      params: { path: { caseId } },
      headers: idempotent('case:gathering:classify'),
      body: {
        classification: 'must-report',
        reason: 'A gathering about land recovery must be reported upward',
        occurredAt: at('2017-04-10', '08:30'),
      },
    }),
  );
  await recorded(
    api.POST('/api/v1/cases/{caseId}/upper-level-notices', {
      params: { path: { caseId } },
      headers: idempotent('case:gathering:upper'),
      body: {
        unitId: 'gia-loc',
        channel: 'media',
        note: 'Ban Thường vụ Huyện ủy nắm được qua báo chí',
        occurredAt: at('2017-04-11', '09:00'),
      },
    }),
  );
  const reported = await recorded(
    api.POST('/api/v1/cases/{caseId}/upward-reports', {
      params: { path: { caseId } },
      headers: idempotent('case:gathering:report'),
      body: {
        officialId: 'le-thi-hoa',
        toUnitId: 'gia-loc',
        summary: 'Báo cáo muộn',
        occurredAt: at('2017-04-13', '16:00'),
      },
    }),
  );
  // The evidence: the upper level's notice and the late report, cited by their event ids.
  const evidenceEventIds = caseAnswer(reported)
    .events.filter((event) => ['UpperLevelInformed', 'CaseReportedUpward'].includes(event.type))
    .map((event) => event.eventId);
  await recorded(
    api.POST('/api/v1/reviews', {
      headers: idempotent('review:le-thi-hoa'),
      body: {
        reviewId: 'kiem-diem-le-thi-hoa-2017-04',
        officialId: 'le-thi-hoa',
        grounds: 'Ban Thường vụ Huyện ủy nắm được thông tin trước cấp ủy viên phụ trách (demo)',
        evidenceEventIds,
        occurredAt: at('2017-04-20'),
      },
    }),
  );
}

async function main(): Promise<void> {
  const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
  await checkHealth(baseUrl);
  api = ledgerApi(baseUrl, process.env.LEDGER_TOKEN ?? (await demoToken()));
  const steps: [string, () => Promise<void>][] = [
    ['units', units],
    ['officials and assignments', officials],
    ['monthly meetings', monthlyMeetings],
    ["leaders' visits of 9 March 2017", leadersVisits],
    ['the pollution complaint', pollutionComplaint],
    ['the pre-empted must-report matter', preemptedMatter],
  ];
  for (const [name, step] of steps) {
    await step();
    process.stdout.write(`recorded: ${name}\n`);
  }
  process.stdout.write('The demo ledger is ready (safe to run again: every request carries an Idempotency-Key).\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
