import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import { AnnualEvaluations } from '../../src/evaluations/annual-evaluations.js';
import { loadDefaultDuties, loadDefaultRules } from '../../src/policies/default-rules.js';
import { RuleBookQuery } from '../../src/policies/rule-book.query.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { ReportFactsQuery } from '../../src/responsibility/projection/report-facts.query.js';
import { caseTimelinesProjection } from '../../src/timelines/case-timelines.projection.js';

/**
 * The whole province's annual evaluation, in a worker so the bench can give up on it after a time
 * limit (it grows with officials x cases today) and still report the other figures. Posts the
 * duration of each run, then the number of officials evaluated.
 */
export interface ProvinceEvaluationJob {
  readonly readModelsFile: string;
  readonly holidaysDirectory: string;
  readonly defaultRulesFile: string;
  readonly unitId: string;
  readonly year: number;
  readonly runs: number;
}

const job = workerData as ProvinceEvaluationJob;
const db = openReadModels(job.readModelsFile);
const rules = new RuleBookQuery(
  db,
  caseTimelinesProjection,
  loadDefaultRules(job.defaultRulesFile),
  loadDefaultDuties(job.defaultRulesFile),
);
const evaluations = new AnnualEvaluations(new ReportFactsQuery(db), loadVietnamCalendar(job.holidaysDirectory), rules);
const now = new Date();
for (let run = 0; run < job.runs; run += 1) {
  const started = performance.now();
  const officials = evaluations.evaluate(job.year, { unitId: job.unitId }, now).officials.length;
  parentPort?.postMessage({ ms: performance.now() - started, officials });
}
db.close();
