import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

export class SignInRequestDto {
  @ApiProperty({ description: 'The token of a sign-in link: what follows #link= in the address `ledger token ... --link` printed.' })
  @MaxLength(4000)
  @Matches(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: '$property must be the token of a sign-in link (v1.<data>.<signature>)' })
  readonly link!: string;
}
