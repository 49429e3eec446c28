import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../http/api-document.js';
import type { Request } from 'express';
import type { PermissionName } from './permissions.js';

/** Where the guard finds the resource a scoped permission is checked against. */
export type ResourceRef =
  | { readonly from: 'body-unit'; readonly field: string }
  | { readonly from: 'case' | 'visit' | 'meeting'; readonly param: string }
  | { readonly from: 'official'; readonly param: string };

export interface Requirement {
  readonly permission: PermissionName;
  readonly resource?: ResourceRef;
}

export const REQUIREMENT = 'ledger:requirement';
export const PUBLIC_ROUTE = 'ledger:public';
export const OTHER_CREDENTIAL = 'ledger:other-credential';

/** The permission a route needs (README, "Who may do what"); a route with neither this nor @Public is refused to everyone. */
export const Requires = (permission: PermissionName, resource?: ResourceRef) =>
  SetMetadata(REQUIREMENT, { permission, resource } satisfies Requirement);

/** A route anyone may call without a token: /health, /health/ready, the Open311 intake and its service list, the API docs. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION, true));

/**
 * A route that also lets in a request with no bearer token when it presents another credential (a
 * citizen's status token for one service request). `presents` only says whether the request carries
 * one; it grants nothing: the handler must check that credential against the resource, and it sees
 * the unauthenticated principal, so it can tell the two apart.
 */
export const OrOtherCredential = (presents: (request: Request) => boolean) => SetMetadata(OTHER_CREDENTIAL, presents);

export const caseParam: ResourceRef = { from: 'case', param: 'caseId' };
export const visitParam: ResourceRef = { from: 'visit', param: 'visitId' };
export const meetingParam: ResourceRef = { from: 'meeting', param: 'meetingId' };
export const bodyUnit: ResourceRef = { from: 'body-unit', field: 'unitId' };
export const officialParam: ResourceRef = { from: 'official', param: 'officialId' };
