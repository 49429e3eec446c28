import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MonthlyDuty } from './monthly-duty.js';
import type { ResponsePolicyRule } from './policy.decider.js';

/** The shipped file (dist needs it copied as an asset, like the holiday files). */
export const SHIPPED_DEFAULT_RULES = fileURLToPath(new URL('./default-rules.json', import.meta.url));

/**
 * The shipped default rules, each as the API would record it: the file may leave out pauses,
 * extensions, remoteArea and effectiveTo, which default as the request DTO defaults them. The one reader of the
 * file: the service, the CLI, the benchmarks and the tests all load it here.
 */
export function loadDefaultRules(file: string = SHIPPED_DEFAULT_RULES): ResponsePolicyRule[] {
  const { rules } = JSON.parse(readFileSync(file, 'utf8')) as { rules: Record<string, unknown>[] };
  return rules.map((rule) => {
    const extensions = (rule.extensions ?? null) as Record<string, unknown> | null;
    return {
      ...rule,
      pauses: rule.pauses ?? [],
      effectiveTo: rule.effectiveTo ?? null,
      remoteArea: rule.remoteArea ?? null,
      extensions: extensions && { complex: null, especiallyComplex: null, ...extensions },
    } as ResponsePolicyRule;
  });
}

/** The shipped duties of members in charge (the file's `duties`), effectiveTo defaulting to null. */
export function loadDefaultDuties(file: string = SHIPPED_DEFAULT_RULES): MonthlyDuty[] {
  const { duties = [] } = JSON.parse(readFileSync(file, 'utf8')) as { duties?: Record<string, unknown>[] };
  return duties.map((duty) => ({ ...duty, effectiveTo: duty.effectiveTo ?? null }) as MonthlyDuty);
}
