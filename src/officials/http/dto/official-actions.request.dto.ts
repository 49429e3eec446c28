import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordedFactDto } from '../../../http/recorded-fact.dto.js';
import { UNIT_ID, UNIT_ID_MESSAGE } from '../../../organisation/http/dto/register-unit.request.dto.js';
import { RESPONSIBILITY_ROLES, type ResponsibilityRole } from '../../official.events.js';
import { IsCalendarDate } from './is-calendar-date.js';

export class ChangePositionRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 200, example: 'Phó Bí thư Huyện ủy' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly position!: string;
}

export class RecordDepartureRequestDto extends RecordedFactDto {
  @ApiProperty({ maxLength: 2000, example: 'Retired' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;

  @ApiPropertyOptional({
    description: 'The last day in office (YYYY-MM-DD); defaults to the day of occurredAt. Open assignments end on it.',
    example: '2017-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  readonly lastDay?: string;
}

export class AssignResponsibilityRequestDto extends RecordedFactDto {
  @ApiProperty({ description: "The unit put in the official's charge; must be active.", example: 'xa-a' })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  readonly unitId!: string;

  @ApiProperty({ enum: RESPONSIBILITY_ROLES })
  @IsIn(RESPONSIBILITY_ROLES)
  readonly role!: ResponsibilityRole;

  @ApiProperty({ description: 'First day in charge (YYYY-MM-DD).', example: '2017-01-01' })
  @IsCalendarDate()
  readonly from!: string;

  @ApiPropertyOptional({ description: 'Planned last day in charge (YYYY-MM-DD), included; open-ended when absent.', example: '2020-12-31' })
  @IsOptional()
  @IsCalendarDate()
  readonly to?: string;
}

export class EndResponsibilityRequestDto extends RecordedFactDto {
  @ApiProperty({ description: 'Last day in charge (YYYY-MM-DD), included.', example: '2017-06-30' })
  @IsCalendarDate()
  readonly to!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  readonly reason!: string;
}
