import { z } from 'zod';
import { anyStaff } from '../../../platform/http/access.js';
import { toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../notify.schemas.js';
import * as admin from '../use-cases/index.js';

const tags = ['notify'];

/** The inbox and the channel choices: every member of staff, their own. */
export async function inboxRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/notify/inbox',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        querystring: schemas.inboxQuery,
        response: { 200: schemas.inboxPage },
      },
    },
    async (request) => {
      const { unreadOnly, ...page } = request.query;
      const { rows, total, unread } = await admin.listInbox(db, requireActor(request), {
        unreadOnly: unreadOnly ?? false,
        ...toOffset(page),
      });
      return { items: rows, total, unread };
    },
  );
  app.get(
    '/api/notify/inbox/unread-count',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags, response: { 200: z.object({ unread: z.number() }) } },
    },
    async (request) => ({ unread: await admin.unreadCount(db, requireActor(request)) }),
  );
  app.post(
    '/api/notify/inbox/read',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags, body: schemas.markReadBody, response: { 200: z.object({ marked: z.number() }) } },
    },
    async (request) => ({
      marked: await admin.markInboxRead(db, { actor: requireActor(request), ...request.body, now: now() }),
    }),
  );

  app.get(
    '/api/notify/preferences',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        response: { 200: schemas.preferences },
      },
    },
    async (request) => admin.getPreferences(db, requireActor(request)),
  );
  app.put(
    '/api/notify/preferences',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags, body: schemas.preferencesBody, response: { 200: schemas.channelChoice } },
    },
    async (request) =>
      admin.updatePreferences(db, { actor: requireActor(request), ...request.body, now: now() }),
  );
}
