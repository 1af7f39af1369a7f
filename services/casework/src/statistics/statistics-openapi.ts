// The statistics endpoints in the casework OpenAPI document; query parameters are generated from
// the zod schemas that validate them.
import { COMMON_ERRORS, fromZod, json, type Json } from '@probity/shared/http/openapi';
import { drillDownQuerySchema, statisticsQuerySchema } from './statistics-query';

export const STATISTICS_TAG = { name: 'statistics', description: "The IOPC's figures, timeliness and the cases behind each number (PSD managers, head of PSD)" };

type Shaped = { shape: Record<string, Parameters<typeof fromZod>[0]> };
const queryParams = (schema: Shaped, required: string[] = []) =>
  Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), schema: fromZod(s) }));

const PERIOD_NOTE = 'from and to are London dates (YYYY-MM-DD, both included); give both or neither (the last complete quarter).';
const errors = { 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 403: COMMON_ERRORS[403] };

export function statisticsOpenApiPaths(): Json {
  return {
    '/statistics': {
      get: {
        tags: ['statistics'],
        operationId: 'statistics',
        summary: "The IOPC's figures for a period, beside the same period last year, with the trend of four quarters",
        description: `${PERIOD_NOTE} Days are working days; averages, percentages and percentiles to one decimal place; null where there is nothing to count.`,
        security: [{ bearerAuth: [] }],
        parameters: queryParams(statisticsQuerySchema as unknown as Shaped),
        responses: { 200: json({ type: 'object' }, 'period, lastYearPeriod, figures, lastYear, trend'), ...errors },
      },
    },
    '/statistics.csv': {
      get: {
        tags: ['statistics'],
        operationId: 'statisticsCsv',
        summary: 'The same figures as CSV: one row per figure, this period beside last year, then timeliness per stage and per SLA',
        description: PERIOD_NOTE,
        security: [{ bearerAuth: [] }],
        parameters: queryParams(statisticsQuerySchema as unknown as Shaped),
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    '/statistics/cases': {
      get: {
        tags: ['statistics'],
        operationId: 'statisticsCases',
        summary: 'The cases behind one figure (restricted cases listed only to the counter-corruption unit and the head of PSD)',
        description: `${PERIOD_NOTE} category needs category; stage needs stage; sla needs task.`,
        security: [{ bearerAuth: [] }],
        parameters: queryParams(drillDownQuerySchema as unknown as Shaped, ['figure']),
        responses: { 200: json({ type: 'object' }, 'total, listed, restrictedNotListed, cases [{ ref, kind, restricted, workingDays, workingDaysExcludingSuspension }]'), ...errors },
      },
    },
  };
}
