/**
 * The GeoReport v2 service list: one service per case category the ledger records. Citizens'
 * reporting apps show these names; service_code is the category itself.
 */
export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: false;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

export const OPEN311_SERVICES: readonly Open311Service[] = [
  service(
    'complaint',
    'Khiếu nại / Complaint',
    'A complaint about an administrative decision or act (Law on Complaints 2011).',
    'khiếu nại,complaint',
    'petitions',
  ),
  service(
    'denunciation',
    'Tố cáo / Denunciation',
    "A denunciation of a violation of law; the denouncer's identity is protected (Law on Denunciations 2018).",
    'tố cáo,denunciation',
    'petitions',
  ),
  service('petition', 'Kiến nghị / Petition', 'A petition to the authorities.', 'kiến nghị,petition', 'petitions'),
  service(
    'reflection',
    'Phản ánh / Reflection',
    'A report of a situation the authorities should know of.',
    'phản ánh,reflection,report',
    'reports',
  ),
  service('proposal', 'Đề xuất / Proposal', 'A proposal for the authorities.', 'đề xuất,proposal', 'reports'),
  service(
    'incident',
    'Sự việc / Incident',
    'An incident happening now (pollution, a gathering, an accident).',
    'sự việc,incident',
    'reports',
  ),
];

function service(code: string, name: string, description: string, keywords: string, group: string): Open311Service {
  return { service_code: code, service_name: name, description, metadata: false, type: 'realtime', keywords, group };
}

export function findService(code: string): Open311Service | undefined {
  return OPEN311_SERVICES.find((candidate) => candidate.service_code === code);
}
