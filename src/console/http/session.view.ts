import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS, type PermissionName, type Scope } from '../../auth/permissions.js';
import { ROLES, type Role } from '../../auth/principal.js';
import { grantedPermissions } from '../../auth/sessions/granted-permissions.js';
import type { Session } from '../../auth/sessions/session-store.port.js';

const SCOPES: readonly Scope[] = ['any', 'unit', 'self'];

/** Who is signed in, what the permission matrix grants them, and the token the console sends back on every write. */
export class SessionView {
  @ApiProperty({ example: 'thanh-tra-1' })
  readonly subject!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  readonly roles!: Role[];

  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
    description: 'The unit ids served (sub-units included), or "all"',
  })
  readonly units!: string[] | 'all';

  @ApiProperty({ required: false, example: 'chu-tich-gia-tan', description: 'The official the signed-in person is, when they are one' })
  readonly officialId?: string;

  @ApiProperty({ enum: ['link', 'oidc'] })
  readonly signedInWith!: 'link' | 'oidc';

  @ApiProperty({ format: 'date-time' })
  readonly expiresAt!: string;

  @ApiProperty({ description: 'Send it in X-CSRF-Token on every request that is not GET, HEAD or OPTIONS.' })
  readonly csrfToken!: string;

  @ApiProperty({
    description: 'Each permission of the matrix the roles grant, with its broadest scope: any, unit (own units) or self.',
    type: 'object',
    properties: Object.fromEntries(Object.keys(PERMISSIONS).map((name) => [name, { type: 'string', enum: SCOPES }])),
    additionalProperties: false,
  })
  readonly permissions!: Partial<Record<PermissionName, Scope>>;
}

/** A session opened through the identity provider, ended here: where the browser goes to end the provider's session too. */
export class SignedOutView {
  @ApiProperty({ format: 'uri', description: "The identity provider's end_session_endpoint, with client_id and post_logout_redirect_uri" })
  readonly endSessionUrl!: string;
}

export function sessionView(session: Session): SessionView {
  return {
    subject: session.principal.subject,
    roles: [...session.principal.roles],
    units: session.principal.units === 'all' ? 'all' : [...session.principal.units],
    ...(session.principal.officialId === undefined ? {} : { officialId: session.principal.officialId }),
    signedInWith: session.signedInWith,
    expiresAt: session.expiresAt.toISOString(),
    csrfToken: session.csrfToken,
    permissions: grantedPermissions(session.principal),
  };
}
