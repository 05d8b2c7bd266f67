import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type * as contract from '../../../contracts/notify.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { anyStaff, rolesAllowed } from '../../platform/http/access.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay, multilineText } from '../../platform/http/fields.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { findCalendarYear, findRestDays, replaceCalendarYear } from './calendar.service.js';
import { calendarXlsxToLines } from './calendar.xlsx.js';
import { assertCompanySettings } from './notify.scope.js';

const adminOnly = rolesAllowed('admin');
const tags = ['calendar'];
// A year's notice is a few dozen rows: a bigger file is not a calendar.
const maxUploadBytes = 512 * 1024;

const yearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
const calendarEntry = z.object({
  day: z.string(),
  kind: z.enum(['rest', 'work']),
  source: z.enum(['package', 'administrator']),
  name: z.string(),
  isWeekend: z.boolean(),
});
const yearResponse = z.object({
  year: z.number(),
  days: z.array(calendarEntry),
  packageCoversYear: z.boolean(),
});
const savedYear = yearResponse.extend({ saved: z.number() });
const xlsxLines = z.object({ text: z.string(), rows: z.number() });

export type ContractChecks = [
  Check<Agrees<contract.CalendarDay, typeof calendarEntry>>,
  Check<Agrees<contract.CalendarYear, typeof yearResponse>>,
  Check<Agrees<contract.SavedCalendarYear, typeof savedYear>>,
  Check<Agrees<contract.CalendarLines, typeof xlsxLines>>,
];

async function readXlsx(request: FastifyRequest): Promise<Buffer> {
  const missing = () =>
    new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { file: localized('请上传文件', '請上傳檔案', 'Upload a file') },
    );
  if (!request.isMultipart()) throw missing();
  const part = await request.file({ limits: { fileSize: maxUploadBytes, files: 1 } });
  if (!part) throw missing();
  const buffer = await part.toBuffer();
  if (part.file.truncated) throw new AppError(commonErrors.PAYLOAD_TOO_LARGE);
  return buffer;
}

export async function calendarRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calendar/years/:year',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, params: yearParams, response: { 200: yearResponse } },
    },
    async (request) => findCalendarYear(db, requireActor(request), request.params.year),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: yearParams,
        body: z.strictObject({ text: multilineText(z.string().max(50_000)) }),
        response: { 200: savedYear },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { year } = request.params;
      const { saved } = await replaceCalendarYear(db, { actor, year, text: request.body.text, now: now() });
      return { ...(await findCalendarYear(db, actor, year)), saved };
    },
  );

  app.post(
    '/api/calendar/xlsx-lines',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, response: { 200: xlsxLines } },
    },
    async (request) => {
      // Reads the uploaded file only (no record of anyone); the company's dates are saved by the PUT.
      assertCompanySettings(requireActor(request));
      const buffer = await readXlsx(request);
      return calendarXlsxToLines(buffer);
    },
  );

  app.get(
    '/api/calendar/rest-days',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: {
        tags,
        querystring: z.strictObject({
          dates: z
            .string()
            .max(1100)
            .transform((text) => text.split(',').filter(Boolean))
            .pipe(z.array(calendarDay).max(100)),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ day: z.string(), reason: z.enum(['holiday', 'weekend', 'administrator']) }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // The company's working calendar, which every member of staff's due dates follow.
      assertCompanySettings(actor);
      return { items: await findRestDays(db, actor.companyId, request.query.dates) };
    },
  );
}
