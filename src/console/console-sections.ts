/**
 * The first path segment of every console screen. The service answers these paths (and /) with the
 * console's index.html so that an address opened directly or reloaded reaches the console's router;
 * any other unknown path stays the API's JSON 404. web/src/router.test.ts checks the console's routes
 * against this list.
 */
export const CONSOLE_SECTIONS: readonly string[] = [
  'sign-in',
  'cases',
  'officials',
  'evaluations',
  'audit',
  'events',
  'integrity',
  'recording',
  'units',
  'visits',
  'meetings',
];
