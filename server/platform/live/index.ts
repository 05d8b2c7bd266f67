/**
 * Live updates — how to use (see ARCHITECTURE.md):
 * - Publish inside the use case's transaction: `await publishLive(trx, { topic: \`desk:${deskId}\`, type: 'message.created', payload: { id } })`.
 *   It is stored in the live outbox and reaches browsers only after the commit (on every instance).
 * - Topics: `desk:<deskId>`, `staff:<staffId>`, `board:<projectId>`, `project:<projectId>`,
 *   `company:<companyId>`, `opening:<eventId>`. Staff subscribe with `GET /api/live?topics=a,b`
 *   (web: `useLiveEvents` from web/app/live.ts); each topic is authorised (staff: self only;
 *   project/board/desk: projects the actor sees; company: own company). A module adds a topic kind
 *   with `registerLiveTopic(kind, (db, actor, id) => boolean)`.
 * - Public pages (online opening): `mountPublicLiveStream(app, context, { url, reason, authorise })`.
 * - Payloads are small and carry ids: screens refetch what they show; never put secrets or
 *   unmasked phone numbers in a payload.
 */
export { createLiveHub, type LiveHub, type LiveSubscriber, pruneLiveEvents } from './live.hub.js';
export {
  announceLocalPublish,
  type LiveEvent,
  type LiveEventInput,
  liveNotifyQuery,
  liveOutboxCtes,
  publishLive,
  publishLiveMany,
} from './live.publish.js';
export {
  authoriseTopics,
  type LiveSessionCheck,
  liveErrors,
  liveRoutes,
  mountPublicLiveStream,
  type PublicStreamOptions,
  parseTopics,
  registerLiveSessionCheck,
  registerLiveTopic,
  type TopicAuthoriser,
} from './live.routes.js';
export { getLiveHub, lastEventIdOf, type StreamOptions, serveLiveStream } from './live.stream.js';
