import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MonthOfAttendance } from '../../api/views';
import { renderScreen } from '../../test-render';
import { DutyGrid } from './DutyGrid';

const month = (value: string, status: MonthOfAttendance['status'], committee: string[], cell: string[]): MonthOfAttendance => ({
  month: value,
  daysInCharge: 31,
  required: status !== 'no-rule',
  status,
  committeeMeetings: { count: committee.length, evidence: committee },
  cellMeetings: { count: cell.length, evidence: cell },
  missing: status === 'missed' ? ['party-committee', 'party-cell'] : [],
  noMeetingHeld: [],
  parts: [],
  evidence: ['9ec7c886-2b5f-5ac5-b8aa-04fde5100608', ...committee, ...cell],
});

describe('the monthly duty grid', () => {
  const attendance = [
    {
      assignmentId: 'a-1',
      unitId: 'thong-nhat',
      months: [
        month('2017-02', 'met', ['80e56a0e-2e0e-5e8d-a938-53f74bc4665e'], ['9c8a6cdc-6cbb-5d62-a794-acca57d2151f']),
        month('2017-03', 'missed', [], []),
      ],
      monthsMissed: ['2017-03'],
    },
  ];

  it('shows each month at each unit as met or missed, and the meetings behind a cell when it is opened', async () => {
    renderScreen(() => <DutyGrid attendance={attendance} />);
    const missed = await screen.findByRole('button', { name: 'thong-nhat, 03/2017: Không đạt' });
    fireEvent.click(missed);
    expect(await screen.findByText('Các cuộc họp của ô này: thong-nhat, 03/2017')).toBeDefined();
    expect(screen.getAllByText('Không có cuộc họp')).toHaveLength(2);
    expect(screen.getByText('Họp cấp ủy, Sinh hoạt chi bộ')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'thong-nhat, 02/2017: Đạt' }));
    const links = await screen.findAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toContain('/events/80e56a0e-2e0e-5e8d-a938-53f74bc4665e');
    const meetings = screen.getByRole('link', { name: 'Xem các cuộc họp của đơn vị trong tháng này' });
    expect(new URL(meetings.getAttribute('href')!, 'http://console.invalid').searchParams.toString()).toBe(
      'unitId=thong-nhat&below=true&from=2017-02-01&to=2017-02-28&sort=heldAt',
    );
  });
});
