import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { MEETING_KINDS, type MeetingKind } from '../../meetings/meeting.events.js';
import { IsOffsetDateTime } from '../../http/recorded-fact.dto.js';
import { UNIT_KINDS, type UnitKind } from '../../organisation/unit.events.js';
import { VISIT_KINDS, type VisitKind } from '../../visits/visit.events.js';
import { LIST_ID, LIST_ID_MESSAGE, ListPageQueryDto, UnitFilterQueryDto } from './list-query.dto.js';

const NAME_SEARCH = { description: 'Words of the name, diacritics ignored ("Huong" finds "Hưởng")', maxLength: 200 };

export class UnitListQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ description: 'Only the units directly under this one' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly parentId?: string;

  @ApiPropertyOptional({ description: 'The whole tree under this unit, merged units included (the unit itself left out)' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly under?: string;

  @ApiPropertyOptional({ enum: ['active', 'merged', 'abolished'] })
  @IsOptional()
  @IsIn(['active', 'merged', 'abolished'])
  readonly status?: 'active' | 'merged' | 'abolished';

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  readonly kind?: UnitKind;

  @ApiPropertyOptional({ ...NAME_SEARCH, description: 'Words of the name or a former name, diacritics ignored' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  readonly q?: string;
}

export class OfficialListQueryDto extends ListPageQueryDto {
  @ApiPropertyOptional({ description: "The official's home unit" })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly unitId?: string;

  @ApiPropertyOptional({ description: 'In charge of this unit (a responsibility assignment) on the day `on`' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly assignedUnitId?: string;

  @ApiPropertyOptional({ description: 'The day assignedUnitId is judged on: an instant (its Vietnamese day); default now' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly on?: string;

  @ApiPropertyOptional({ enum: ['active', 'left'] })
  @IsOptional()
  @IsIn(['active', 'left'])
  readonly status?: 'active' | 'left';

  @ApiPropertyOptional(NAME_SEARCH)
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  readonly q?: string;
}

/** A period (from inclusive, to exclusive) and its order. */
class PeriodQueryDto extends UnitFilterQueryDto {
  @ApiPropertyOptional({ description: 'At or after this instant', example: '2026-01-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Before this instant (exclusive)', example: '2026-02-01T00:00:00+07:00' })
  @IsOptional()
  @MaxLength(40)
  @IsOffsetDateTime()
  readonly to?: string;
}

export class VisitListQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: VISIT_KINDS })
  @IsOptional()
  @IsIn(VISIT_KINDS)
  readonly kind?: VisitKind;

  @ApiPropertyOptional({ enum: ['scheduled', 'cancelled', 'conducted'] })
  @IsOptional()
  @IsIn(['scheduled', 'cancelled', 'conducted'])
  readonly status?: 'scheduled' | 'cancelled' | 'conducted';

  @ApiPropertyOptional({ description: 'A planned or present participant (official id)' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly participantId?: string;

  @ApiPropertyOptional({ enum: ['plannedFor', '-plannedFor'], default: '-plannedFor' })
  @IsOptional()
  @IsIn(['plannedFor', '-plannedFor'])
  readonly sort?: 'plannedFor' | '-plannedFor';
}

export class MeetingListQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS)
  readonly kind?: MeetingKind;

  @ApiPropertyOptional({ description: 'An attendee (official id)' })
  @IsOptional()
  @Matches(LIST_ID, { message: LIST_ID_MESSAGE })
  readonly attendeeId?: string;

  @ApiPropertyOptional({ enum: ['heldAt', '-heldAt'], default: '-heldAt' })
  @IsOptional()
  @IsIn(['heldAt', '-heldAt'])
  readonly sort?: 'heldAt' | '-heldAt';
}
