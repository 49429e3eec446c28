import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, documented } from '../../api/client';
import { can, useSession } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, Loading, Section } from '../../ui/common';
import { LookupInput } from '../../ui/lookups';
import { RankedUnits, type UnitName } from '../units/RankedUnits';

const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * The units the signed-in person serves, ranked by cases overdue, each opening its worklist: the
 * session's units, or for someone who serves every unit the top of the tree (the units without a parent).
 */
async function unitsServed(units: readonly string[] | 'all'): Promise<UnitName[]> {
  if (units === 'all') {
    const page = (await documented(api.GET('/api/v1/units', { params: { query: { status: 'active', limit: 200 } } }))).body;
    return page.items.filter((unit) => unit.parentId === null).map(({ unitId, name }) => ({ unitId, name }));
  }
  return Promise.all(
    units.map(async (unitId) => {
      const body = (await documented(api.GET('/api/v1/units/{unitId}', { params: { path: { unitId } } }))).body;
      return { unitId, name: typeof body.name === 'string' ? body.name : unitId };
    }),
  );
}

export function MyUnits() {
  const { m } = useI18n();
  const { data: session } = useSession();
  const units = useQuery({
    queryKey: ['units', 'served', session?.units],
    enabled: session !== undefined && can(session, 'directory.read'),
    queryFn: () => unitsServed(session!.units),
  });
  if (!can(session, 'directory.read')) return null;
  return (
    <Section title={m.unitWork.yours} help={m.unitWork.yoursHelp}>
      {units.isPending ? (
        <Loading />
      ) : units.error ? (
        <ErrorNotice error={units.error} onRetry={() => units.refetch()} />
      ) : (
        units.data.length > 0 && <RankedUnits units={units.data} label={m.unitWork.yours} />
      )}
      <FindUnit />
    </Section>
  );
}

function FindUnit() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [invalid, setInvalid] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unitId = String(new FormData(event.currentTarget).get('unitId') ?? '').trim();
    setInvalid(!UNIT_ID.test(unitId));
    if (UNIT_ID.test(unitId)) void navigate({ to: '/units/$unitId', params: { unitId } });
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className={`field${invalid ? ' field-invalid' : ''}`}>
        <label htmlFor="find-unit">{m.unitWork.findUnit}</label>
        <LookupInput
          id="find-unit"
          kind="units"
          name="unitId"
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'find-unit-error' : 'find-unit-help'}
        />
        <p className="help" id="find-unit-help">
          {m.unitWork.findUnitHelp}
        </p>
        {invalid && (
          <p className="field-error" id="find-unit-error">
            {m.validation.invalid}
          </p>
        )}
      </div>
      <button type="submit">{m.unitWork.openUnit}</button>
    </form>
  );
}
