/**
 * The league table `GET /appraisal` answers (the domain's `AppraisalResult`), as a zod schema for the
 * OpenAPI document. Counter and metric names come from the domain's own lists, so a new metric appears here.
 */
import { z } from 'zod';
import { COUNT_KEYS } from '../../domain/appraisal/counts.js';
import { APPRAISAL_GROUPS } from '../native/queries.js';
import { COUNT_METRICS, RATE_METRICS } from '../../domain/appraisal/metrics.js';
import { METRICS } from '../../domain/city/schema.js';
import { instant } from './case-shapes.js';

const fields = <S extends z.ZodType>(keys: readonly string[], schema: S) => z.object(Object.fromEntries(keys.map((key) => [key, schema])));

const rate = z.number().min(0).nullable().meta({ description: 'Null when the unit had nothing to measure (not assessed), never 0 or 1.' });

const UnitAppraisal = z.object({
  unitId: z.string(),
  counts: fields(COUNT_KEYS, z.number().int()).meta({ description: 'The counters of the period every metric is computed from.' }),
  metrics: z.object({ ...fields(RATE_METRICS, rate).shape, ...fields(COUNT_METRICS, z.number().int().min(0)).shape }),
  items: z.array(
    z.object({
      metric: z.enum(METRICS),
      value: z.number().nullable(),
      points: z.number(),
      max: z.number().nullable(),
      prorated: z.boolean().meta({ description: 'The value was null and the points were prorated.' }),
    }),
  ),
  score: z.number().nullable().meta({ description: 'The composite score, the sum of the points; null when nothing could be assessed.' }),
  standing: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ranked'), rank: z.number().int().min(1), list: z.enum(['red', 'black']).optional() }),
    z.object({ kind: z.literal('unranked'), reason: z.enum(['tooFewCases', 'notAssessed']) }),
  ]),
});

export const AppraisalResult = z
  .object({
    group: z.enum(APPRAISAL_GROUPS).meta({ description: 'The peers ranked against each other: the departments, or the territorial units of one layer.' }),
    preset: z.string().optional().meta({ description: 'The published formula the city’s appraisal follows, if it names one.' }),
    period: z
      .object({
        kind: z.enum(['month', 'quarter', 'year']),
        label: z.string(),
        timeZone: z.string(),
        start: instant('The first instant of the period.'),
        end: instant('The first instant after the period.'),
        months: z.array(z.string()),
      })
      .optional(),
    units: z.array(UnitAppraisal).meta({ description: 'Ranked units best first, then unranked units by id.' }),
    redList: z.array(z.string()),
    blackList: z.array(z.string()),
    unranked: z.array(z.string()),
  })
  .meta({ description: 'The appraisal of one group of peers for the period (every department by default), with the red and black lists.' });
