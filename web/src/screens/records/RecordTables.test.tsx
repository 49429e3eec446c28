import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { components } from '../../api/schema';
import { renderScreen } from '../../test-render';
import { MeetingTable } from './MeetingListScreen';
import { VisitTable } from './VisitListScreen';

const visit: components['schemas']['VisitListItemView'] = {
  visitId: 'visit-gia-tan-2017-02',
  status: 'conducted',
  kind: 'periodic',
  purpose: 'Nắm tình hình ô nhiễm',
  place: 'Thôn Đông',
  unitId: 'gia-tan',
  participants: ['chu-tich-gia-tan'],
  plannedFor: '2017-02-20T01:30:00.000Z',
  conduct: null,
  findings: [{}],
  events: [
    { eventId: '11111111-1111-5111-8111-111111111111', type: 'VisitScheduled', occurredAt: '2017-02-10T01:00:00.000Z' },
    { eventId: '22222222-2222-5222-8222-222222222222', type: 'VisitConducted', occurredAt: '2017-02-20T04:00:00.000Z' },
  ],
  correctedEventIds: [],
  lastOccurredAt: '2017-02-20T04:00:00.000Z',
};

const meeting: components['schemas']['MeetingListItemView'] = {
  meetingId: 'gia-tan-2017-02',
  status: 'held',
  unitId: 'gia-tan',
  kind: 'party-cell',
  heldAt: '2017-02-28T17:30:00.000Z',
  attendees: ['bi-thu-gia-tan'],
  agendaSummary: null,
  events: [{ eventId: '33333333-3333-5333-8333-333333333333', type: 'MeetingHeld', occurredAt: '2017-02-28T17:30:00.000Z' }],
  correctedEventIds: [],
  lastOccurredAt: '2017-02-28T17:30:00.000Z',
};

const hrefs = () => screen.getAllByRole('link').map((link) => link.getAttribute('href'));

describe('the visits and meetings tables', () => {
  it('show a visit in Vietnam time, in Vietnamese, opening the visit, its unit, its participants and each of its events', async () => {
    renderScreen(() => <VisitTable items={[visit]} />);
    expect(await screen.findByRole('link', { name: 'Mở chuyến đi: Nắm tình hình ô nhiễm' })).toBeDefined();
    expect(screen.getByText('20/02/2017 08:30')).toBeDefined();
    expect(screen.getByText('Đã đi')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Đi cơ sở' }).getAttribute('href')).toBe('/events/22222222-2222-5222-8222-222222222222');
    expect(hrefs()).toEqual(
      expect.arrayContaining(['/events/11111111-1111-5111-8111-111111111111', '/units/gia-tan', '/officials/chu-tich-gia-tan']),
    );
  });

  it('show a meeting in English on the switch, its day as written in Vietnam (a late meeting falls on the next day there)', async () => {
    renderScreen(() => <MeetingTable items={[meeting]} />, { language: 'en' });
    const opening = await screen.findByRole('link', { name: '01/03/2017 00:30' });
    expect(opening.getAttribute('href')).toBe('/events/33333333-3333-5333-8333-333333333333');
    expect(screen.getByText('Cell meeting')).toBeDefined();
    expect(hrefs()).toEqual(expect.arrayContaining(['/events/33333333-3333-5333-8333-333333333333', '/officials/bi-thu-gia-tan']));
  });
});
