// Writes the example files of docs/import/: a sample province's organisation (CSV, as a spreadsheet
// would hold it), its history of 2015-2017 (JSON Lines) and a file with deliberately bad rows.
// Deterministic (a seeded generator), so the files change only when this script does.
//   node scripts/write-import-samples.mjs [folder]   (default docs/import)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2] ?? 'docs/import';
let seed = 20170309;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

const MINUTE = 60_000;
/** An instant in Vietnam's time, as the ledger wants it: ISO-8601 with the +07:00 offset. */
function vietnam(ms) {
  return `${new Date(ms + 7 * 60 * MINUTE).toISOString().slice(0, 19)}+07:00`;
}
const at = (text) => Date.parse(text);

// The organisation: a province, its Party committee, 12 districts with theirs, 5 communes each with
// a Party committee and two Party cells; officials at every level; members in charge of communes.
const org = [];
const unit = (unitId, name, kind, parentId) =>
  org.push({ command: 'RegisterUnit', unitId, name, kind, parentId: parentId ?? '', occurredAt: '2014-12-01T08:00:00+07:00' });
unit('HD', 'Tỉnh Hải Dương', 'province');
unit('TU-HD', 'Tỉnh ủy Hải Dương', 'party-committee', 'HD');
const districts = [];
const communes = [];
const officialsOf = new Map();
let officialNumber = 0;
function official(unitId, position) {
  officialNumber += 1;
  const officialId = `CB${String(officialNumber).padStart(4, '0')}`;
  org.push({
    command: 'RegisterOfficial',
    officialId,
    fullName: `Cán bộ ${officialNumber}`,
    position,
    unitId,
    occurredAt: '2014-12-15T08:00:00+07:00',
  });
  return officialId;
}
for (let d = 1; d <= 12; d++) {
  const districtId = `D${String(d).padStart(2, '0')}`;
  districts.push(districtId);
  unit(districtId, `Huyện ${d}`, 'district', 'HD');
  unit(`HU-${districtId}`, `Huyện ủy ${d}`, 'party-committee', districtId);
  for (let c = 1; c <= 5; c++) {
    const communeId = `${districtId}-X${c}`;
    communes.push({ communeId, districtId });
    unit(communeId, `Xã ${c}, huyện ${d}`, 'commune', districtId);
    unit(`DU-${communeId}`, `Đảng ủy xã ${c}, huyện ${d}`, 'party-committee', communeId);
    unit(`CB-${communeId}-1`, `Chi bộ thôn 1, xã ${c}`, 'party-cell', `DU-${communeId}`);
    unit(`CB-${communeId}-2`, `Chi bộ thôn 2, xã ${c}`, 'party-cell', `DU-${communeId}`);
  }
}
for (let p = 0; p < 4; p++) official('TU-HD', 'Tỉnh ủy viên');
const inCharge = new Map();
for (const districtId of districts) {
  const members = [
    official(`HU-${districtId}`, 'Huyện ủy viên'),
    official(`HU-${districtId}`, 'Huyện ủy viên'),
    official(`HU-${districtId}`, 'Phó Bí thư Huyện ủy'),
  ];
  officialsOf.set(districtId, members);
  communes
    .filter((commune) => commune.districtId === districtId)
    .forEach((commune, index) => {
      const member = members[index % members.length];
      inCharge.set(commune.communeId, member);
      org.push({
        command: 'AssignResponsibility',
        officialId: member,
        assignmentId: `PC-${commune.communeId}`,
        unitId: commune.communeId,
        role: 'committee-member-in-charge',
        from: '2015-01-01',
        occurredAt: '2014-12-20T08:00:00+07:00',
      });
    });
}
for (const { communeId } of communes)
  officialsOf.set(communeId, [official(communeId, 'Chủ tịch UBND xã'), official(communeId, 'Bí thư Đảng ủy xã')]);

// The history: cases with their steps, visits, monthly meetings of ten communes.
const history = [];
const start = at('2015-01-05T08:00:00+07:00');
const end = at('2017-11-30T17:00:00+07:00');
const summaries = [
  'Đường liên thôn xuống cấp, đề nghị sửa chữa',
  'Phản ánh ô nhiễm từ cơ sở chăn nuôi',
  'Kiến nghị về đền bù thu hồi đất',
  'Tố cáo xây dựng trái phép trên đất nông nghiệp',
  'Đề xuất lắp đèn chiếu sáng đường làng',
  'Phản ánh thu phí không đúng quy định',
];
for (let n = 1; n <= 620; n++) {
  const { communeId, districtId } = pick(communes);
  const caseId = `HS-${2015 + Math.floor((n - 1) / 210)}-${String(n).padStart(4, '0')}`;
  let time = start + Math.floor(random() * (end - start - 90 * 24 * 60 * MINUTE));
  const next = (minDays, maxDays) => (time += between(minDays * 24 * 60, maxDays * 24 * 60) * MINUTE);
  const receipt = {
    command: 'ReceiveCase',
    caseId,
    unitId: communeId,
    category: pick(['complaint', 'petition', 'reflection', 'proposal', 'denunciation']),
    channel: pick(['citizen-reception', 'letter', 'hotline', 'online']),
    summary: `${pick(summaries)} (${caseId})`,
    occurredAt: vietnam(time),
  };
  if (random() < 0.3) receipt.reporter = { name: `Người phản ánh ${n}`, phone: `09${String(10000000 + n * 7919).slice(-8)}` };
  history.push(receipt);
  history.push({ command: 'AcknowledgeCase', caseId, occurredAt: vietnam(next(0, 3)) });
  const mustReport = random() < 0.35;
  history.push({
    command: 'ClassifyCase',
    caseId,
    classification: mustReport ? 'must-report' : 'within-authority',
    reason: mustReport ? 'Vụ việc phức tạp, phải báo cáo' : 'Thuộc thẩm quyền của xã',
    occurredAt: vietnam(next(0, 4)),
  });
  const assignee = officialsOf.get(communeId)[0];
  history.push({
    command: 'AssignCase',
    caseId,
    officialId: assignee,
    dueAt: vietnam(time + 30 * 24 * 60 * MINUTE),
    occurredAt: vietnam(next(0, 2)),
  });
  if (mustReport)
    history.push({
      command: 'ReportCaseUpward',
      caseId,
      officialId: inCharge.get(communeId),
      toUnitId: districtId,
      summary: 'Báo cáo Ban Thường vụ Huyện ủy',
      occurredAt: vietnam(next(0, 6)),
    });
  history.push({
    command: 'RecordCaseAction',
    caseId,
    description: 'Kiểm tra thực địa, làm việc với các hộ liên quan',
    occurredAt: vietnam(next(1, 10)),
  });
  if (random() < 0.08) {
    history.push({
      command: 'EscalateCase',
      caseId,
      toUnitId: districtId,
      reason: 'Vượt thẩm quyền giải quyết của xã',
      occurredAt: vietnam(next(1, 5)),
    });
  }
  if (random() < 0.9) {
    history.push({
      command: 'ResolveCase',
      caseId,
      outcome: 'Đã giải quyết, trả lời công dân bằng văn bản',
      occurredAt: vietnam(next(3, 25)),
    });
    if (random() < 0.75) history.push({ command: 'CloseCase', caseId, occurredAt: vietnam(next(1, 5)) });
  }
}
for (let n = 1; n <= 160; n++) {
  const { communeId, districtId } = pick(communes);
  const visitId = `DCS-${String(n).padStart(4, '0')}`;
  const planned = start + Math.floor(random() * (end - start - 30 * 24 * 60 * MINUTE));
  const participants = [inCharge.get(communeId), officialsOf.get(districtId)[2]].filter((id, index, all) => all.indexOf(id) === index);
  history.push({
    command: 'ScheduleVisit',
    visitId,
    kind: random() < 0.7 ? 'periodic' : 'unscheduled',
    purpose: 'Nắm tình hình sản xuất và đời sống nhân dân',
    unitId: communeId,
    participants,
    plannedFor: vietnam(planned),
    occurredAt: vietnam(planned - 7 * 24 * 60 * MINUTE),
  });
  if (random() < 0.1) {
    history.push({
      command: 'CancelVisit',
      visitId,
      reason: 'Trùng lịch họp Huyện ủy',
      occurredAt: vietnam(planned - 2 * 24 * 60 * MINUTE),
    });
    continue;
  }
  history.push({
    command: 'ConductVisit',
    visitId,
    startedAt: vietnam(planned),
    endedAt: vietnam(planned + 180 * MINUTE),
    presentParticipants: participants,
    occurredAt: vietnam(planned + 200 * MINUTE),
  });
  if (random() < 0.5)
    history.push({
      command: 'RecordVisitFinding',
      visitId,
      findingId: '1',
      text: 'Mương tiêu úng bị bồi lắng',
      severity: pick(['low', 'medium', 'high']),
      occurredAt: vietnam(planned + 240 * MINUTE),
    });
}
for (const { communeId } of communes.slice(0, 10)) {
  for (let month = 0; month < 35; month++) {
    const year = 2015 + Math.floor(month / 12);
    const heldAt = `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(between(3, 25)).padStart(2, '0')}T14:00:00+07:00`;
    history.push({
      command: 'RecordMeeting',
      meetingId: `SH-${communeId}-${year}-${(month % 12) + 1}`,
      unitId: `DU-${communeId}`,
      kind: 'party-committee',
      heldAt,
      attendees: [inCharge.get(communeId), ...officialsOf.get(communeId)],
      agendaSummary: 'Sinh hoạt thường kỳ',
    });
  }
}
const when = (row) => Date.parse(row.occurredAt ?? row.heldAt);
history.sort((a, b) => when(a) - when(b));

// CSV: a header of every column, empty cells for the fields a row does not have.
function csv(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value) => {
    const text = value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\n') + '\n';
}

const bad = [
  {
    command: 'ReceiveCase',
    caseId: 'SAI-1',
    unitId: 'D01-X1',
    category: 'petition',
    channel: 'letter',
    summary: 'Một hồ sơ hợp lệ',
    occurredAt: '2017-03-01T09:00:00+07:00',
  },
  { command: 'AcknowledgeCase', caseId: 'SAI-1', occurredAt: '2017-02-27T09:00:00+07:00' },
  {
    command: 'ReceiveCase',
    caseId: 'SAI-2',
    unitId: 'KHONG-CO',
    category: 'petition',
    channel: 'letter',
    summary: 'Đơn vị không tồn tại',
    occurredAt: '2017-03-02T09:00:00+07:00',
  },
  {
    command: 'ReceiveCase',
    caseId: 'SAI-3',
    unitId: 'D01-X2',
    category: 'rumour',
    channel: 'letter',
    summary: 'Loại đơn không có',
    occurredAt: '2017-03-02T10:00:00+07:00',
  },
  { command: 'DeleteCase', caseId: 'HS-2015-0001', occurredAt: '2017-03-03T09:00:00+07:00' },
  {
    command: 'ReceiveCase',
    unitId: 'D01-X3',
    category: 'proposal',
    channel: 'online',
    summary: 'Thiếu mã hồ sơ',
    occurredAt: '2017-03-03T10:00:00+07:00',
  },
  { command: 'ResolveCase', caseId: 'SAI-404', outcome: 'Hồ sơ chưa từng được tiếp nhận', occurredAt: '2017-03-04T09:00:00+07:00' },
  {
    command: 'ReceiveCase',
    caseId: 'SAI-5',
    unitId: 'D02-X1',
    category: 'petition',
    channel: 'hotline',
    summary: 'Thời điểm trong tương lai',
    occurredAt: '2031-01-01T09:00:00+07:00',
  },
  { command: 'ReceiveCase', caseId: 'SAI-6', unitId: 'D02-X2', category: 'petition', channel: 'hotline', summary: 'Không ghi thời điểm' },
  { command: 'ResolveCase', caseId: 'SAI-1', outcome: 'Đã trả lời công dân', occurredAt: '2017-03-10T09:00:00+07:00' },
  {
    command: 'RecordMeeting',
    meetingId: 'SH-SAI-1',
    unitId: 'DU-D01-X1',
    kind: 'party-committee',
    heldAt: '2017-03-12T14:00:00+07:00',
    attendees: ['CB0005', 'CB9999'],
  },
  { command: 'CloseCase', caseId: 'SAI-1', occurredAt: '2017-03-12T09:00:00+07:00' },
  {
    command: 'ReceiveCase',
    caseId: 'SAI-7',
    unitId: 'D03-X1',
    category: 'reflection',
    channel: 'media',
    summary: 'Một hồ sơ hợp lệ khác',
    occurredAt: '2017-03-13T09:00:00+07:00',
  },
];
const badCsv = csv(bad).split('\n');
// A line with a cell too many, as a spreadsheet exported by hand may have.
badCsv.splice(9, 0, `${badCsv[9]},thừa`);

mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'sample-province.csv'), csv(org));
writeFileSync(join(folder, 'sample-province-history.jsonl'), history.map((row) => JSON.stringify(row)).join('\n') + '\n');
writeFileSync(join(folder, 'with-bad-rows.csv'), badCsv.join('\n'));
process.stdout.write(
  `${folder}: sample-province.csv (${org.length} rows), sample-province-history.jsonl (${history.length} rows), with-bad-rows.csv (${bad.length + 1} rows)\n`,
);
