import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MAX_REMINDER_TIMES_A_DAY,
  REMINDER_WEEKDAYS,
  reminderPlan,
} from '../../clinic/reminders/reminder-plan.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { getPatient } from '../../store/records/patients.ts';
import {
  calendarFeedCreatedAt,
  deletePushSubscription,
  getReminderSettings,
  listPushSubscriptions,
  patientOfCalendarToken,
  revokeCalendarFeed,
  savePushSubscription,
  setCalendarFeedToken,
  updateReminderSettings,
  vapidKeys,
} from '../../store/records/reminders.ts';
import { enterClinic } from '../../store/tenancy.ts';
import { type Actor, authorizePatient, type PatientAction } from '../access.ts';
import { actorOf } from '../auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { calendarFeed } from '../reminders/calendar-feed.ts';
import { makeVapidKeys } from '../reminders/push-delivery.ts';
import { auditFrom } from '../request-audit.ts';
import { closedObject, patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute } from './patient-read.ts';

/**
 * Reminders (docs/reminders.md): the patient chooses days and times and where reminders arrive (a
 * browser by Web Push, a calendar link); a clinician on the care team turns them on or off. The
 * calendar feed itself answers without a login: its address carries a 256-bit secret, of which the
 * server keeps only the SHA-256, and a new link or "stop" makes the old address answer 404.
 */
const CALENDAR_PREFIX = '/api/calendar/';
const SECRET = /^([A-Za-z0-9_-]{43})\.ics$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function origin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The push endpoints the server will post to: https only, unless the options allow loopback http (tests). */
function checkEndpoint(endpoint: string, allowLoopbackHttp: boolean): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new HttpProblem(
      422,
      'endpoint must be the https address the browser gave for its push subscription',
    );
  }
  const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1' && allowLoopbackHttp;
  if (url.protocol !== 'https:' && !loopback) {
    throw new HttpProblem(422, `endpoint must be an https address; got ${url.protocol.replace(':', '')}`);
  }
}

const settingsSchema = {
  weekdays: {
    type: 'array',
    maxItems: REMINDER_WEEKDAYS.length,
    items: { type: 'string', enum: REMINDER_WEEKDAYS },
    description: 'Days of the week, mon … sun',
  },
  times: {
    type: 'array',
    maxItems: MAX_REMINDER_TIMES_A_DAY,
    items: { type: 'string', minLength: 5, maxLength: 5, description: 'HH:MM, 24-hour' },
    description: "Times of day on the patient's own clock",
  },
} as const;

const subscriptionBody = closedObject(
  {
    endpoint: { type: 'string', minLength: 1, maxLength: 2000 },
    keys: closedObject(
      {
        p256dh: { type: 'string', minLength: 1, maxLength: 200 },
        auth: { type: 'string', minLength: 1, maxLength: 100 },
      },
      ['p256dh', 'auth'],
    ),
    expirationTime: { type: ['number', 'null'] },
  },
  ['endpoint', 'keys'],
);

export function reminderRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  const view = async (patientId: string) => {
    const [settings, patient, browsers, calendarSince, keys] = await Promise.all([
      getReminderSettings(db, patientId),
      getPatient(db, patientId),
      listPushSubscriptions(db, patientId),
      calendarFeedCreatedAt(db, patientId),
      vapidKeys(db, makeVapidKeys, options.now()),
    ]);
    return {
      clinicEnabled: settings.clinicEnabled,
      weekdays: settings.plan.weekdays,
      times: settings.plan.times,
      timeZone: patient?.timeZone ?? 'UTC',
      push: { publicKey: keys.publicKey, browsers: browsers.map((b) => b.endpoint) },
      calendar: { active: calendarSince !== null, createdAt: calendarSince },
    };
  };

  /** Authorise, do the change in one transaction with its audit event, and answer the reminders' view. */
  const change = <Body>(
    route: {
      method: 'PUT' | 'POST' | 'DELETE';
      path: string;
      action: PatientAction;
      summary: string;
      body?: object;
      audit: string;
      created?: boolean;
    },
    write: (tx: Db, patientId: string, actor: Actor, body: Body, request: FastifyRequest) => Promise<unknown>,
  ) => {
    app.route<{ Params: { id: string }; Body: Body }>({
      method: route.method,
      url: `/api/patients/:id/reminders${route.path}`,
      schema: {
        tags: ['reminders'],
        summary: route.summary,
        params: patientParams,
        ...(route.body ? { body: route.body } : {}),
      },
      handler: async (request, reply) => {
        const patientId = request.params.id;
        const actor = actorOf(request);
        await authorizePatient(db, actor, patientId, route.action);
        const extra = await db.transaction().execute(async (tx) => {
          const result = await write(tx, patientId, actor, request.body as Body, request);
          await recordAudit(
            tx,
            auditFrom(request, { action: route.audit, resource: 'reminders', patientId }),
          );
          return result;
        });
        if (route.created) reply.code(201);
        return { ...(await view(patientId)), ...(extra ?? {}) };
      },
    });
  };

  patientReadRoute(
    app,
    db,
    {
      path: '/reminders',
      tags: ['reminders'],
      summary:
        "The patient's reminders: whether the clinic has them on, the days and times (on the patient's clock, `timeZone`), the browsers subscribed and the server's VAPID public key, and whether a calendar link is live",
      resource: 'reminders',
    },
    view,
  );

  change<{ weekdays: string[]; times: string[] }>(
    {
      method: 'PUT',
      path: '',
      action: 'choose-reminders',
      summary: `The patient chooses their reminder days (mon … sun) and times (HH:MM on their own clock, at most ${MAX_REMINDER_TIMES_A_DAY} a day); reminders not yet sent follow the new choice`,
      body: closedObject(settingsSchema, ['weekdays', 'times']),
      audit: 'update',
    },
    async (tx, patientId, actor, body) => {
      await updateReminderSettings(tx, patientId, { plan: reminderPlan(body) }, actor.userId, options.now());
    },
  );

  change<{ enabled: boolean }>(
    {
      method: 'PUT',
      path: '/clinic',
      action: 'update',
      summary:
        "A clinician on the patient's care team turns the patient's reminders on or off (off: nothing is sent and the calendar link shows no sessions)",
      body: closedObject({ enabled: { type: 'boolean' } }, ['enabled']),
      audit: 'update',
    },
    async (tx, patientId, actor, body) => {
      await updateReminderSettings(
        tx,
        patientId,
        { clinicEnabled: body.enabled },
        actor.userId,
        options.now(),
      );
    },
  );

  change<{ endpoint: string; keys: { p256dh: string; auth: string } }>(
    {
      method: 'POST',
      path: '/push-subscriptions',
      action: 'choose-reminders',
      summary:
        "The patient asks for reminders in this browser: the browser's PushSubscription (endpoint and keys), made with the VAPID public key from GET …/reminders",
      body: subscriptionBody,
      audit: 'create',
      created: true,
    },
    async (tx, patientId, _actor, body) => {
      checkEndpoint(body.endpoint, options.allowLoopbackPush === true);
      await savePushSubscription(tx, patientId, body, options.now());
    },
  );

  change<{ endpoint: string }>(
    {
      method: 'DELETE',
      path: '/push-subscriptions',
      action: 'choose-reminders',
      summary: 'The patient stops reminders in one browser, named by its push endpoint',
      body: closedObject({ endpoint: { type: 'string', minLength: 1, maxLength: 2000 } }, ['endpoint']),
      audit: 'delete',
    },
    async (tx, patientId, _actor, body) => {
      if (!(await deletePushSubscription(tx, patientId, body.endpoint))) {
        throw notFound('this browser is not subscribed to your reminders');
      }
    },
  );

  change(
    {
      method: 'POST',
      path: '/calendar-link',
      action: 'choose-reminders',
      summary:
        "The patient makes a calendar link (an .ics address to add to a phone's calendar); any earlier link stops working. The address is shown once: only its hash is kept",
      audit: 'create',
      created: true,
    },
    async (tx, patientId, _actor, _body, request) => {
      const secret = randomBytes(32).toString('base64url');
      await setCalendarFeedToken(tx, patientId, sha256(secret), options.now());
      return { calendarUrl: `${origin(request, options.publicUrl)}${CALENDAR_PREFIX}${secret}.ics` };
    },
  );

  change(
    {
      method: 'DELETE',
      path: '/calendar-link',
      action: 'choose-reminders',
      summary: 'The patient stops their calendar link: its address answers 404 from now on',
      audit: 'delete',
    },
    async (tx, patientId) => {
      if (!(await revokeCalendarFeed(tx, patientId))) throw notFound('you have no calendar link to stop');
    },
  );

  app.get<{ Params: { file: string } }>(
    `${CALENDAR_PREFIX}:file`,
    {
      config: { public: true },
      schema: {
        tags: ['reminders'],
        security: [],
        summary:
          "A patient's reminders as an iCalendar feed, at the secret address their calendar link gave (no login). 404 for an address stopped or never made",
        params: closedObject({ file: { type: 'string', minLength: 1, maxLength: 60 } }, ['file']),
      },
    },
    async (request, reply) => {
      const secret = SECRET.exec(request.params.file)?.[1];
      const feed = await db.transaction().execute(async (tx) => {
        const link = secret ? await patientOfCalendarToken(tx, sha256(secret)) : undefined;
        if (!link) return undefined;
        // The caller is anonymous until the link is found: from here it reads the link's clinic.
        await enterClinic(tx, link.clinicId);
        const { patientId } = link;
        const patient = await getPatient(tx, patientId);
        if (!patient) return undefined;
        const settings = await getReminderSettings(tx, patientId);
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'read', resource: 'calendar-feed', patientId }),
          userId: null,
        });
        return calendarFeed({
          patientId,
          timeZone: patient.timeZone,
          language: patient.language,
          plan: settings.clinicEnabled ? settings.plan : null,
          now: options.now(),
        });
      });
      if (feed === undefined)
        throw notFound('there is no calendar at this address; make a new link in Myotrophy');
      reply.header('cache-control', 'private, no-store').type('text/calendar; charset=utf-8');
      return feed;
    },
  );
}
