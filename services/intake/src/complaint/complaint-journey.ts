// The complaint form as GOV.UK question pages, mounted at /complaint:
//   your-details → what-happened → allegations (add another) → people (add another)
//   → what-you-want → about-you (equality monitoring, optional) → check-answers → sent
// Each page is checked with its part of the complaint form schema the JSON API uses; the answers
// live in the server-side session; "Send complaint" records the case exactly as POST /complaints
// does, with an Idempotency-Key per check-your-answers page so a double click sends one.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { TokenSealer } from '@probity/shared/complaint/case-token';
import { noteComplaintResult, type ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import { formatDate } from '@probity/shared/web/format';
import { pageError } from '@probity/shared/web/form-errors';
import type { Render } from '@probity/shared/web/pages';
import type { Sessions } from '@probity/shared/web/session';
import { publicSession } from '../public-session';
import { addAnotherPages, type JourneyContext } from './add-another';
import { ALLEGATION_CHOICES, allegationChoiceText } from './allegation-choices';
import {
  complaintBodyOf,
  noAnswers,
  ABOUT_YOU_QUESTIONS,
  aboutYouText,
  readAboutYou,
  readAllegation,
  readComplaint,
  readPerson,
  readWhatHappened,
  readWhatYouWant,
  readYourDetails,
  type AllegationAnswer,
  type ComplaintAnswers,
  type PageResult,
  type PersonAnswer,
  type Values,
} from './complaint-answers';

export interface ComplaintJourneyDeps extends Omit<ReceiptHooks, 'onResult'> {
  render: Render;
  sessions: Sessions;
  store: IntakeStore;
  sealer: TokenSealer;
  /** Rate limit for sending a complaint (the same as the JSON API's POST). */
  sendLimiter: RequestHandler;
  onResult?: ReceiptHooks['onResult'];
}

const PAGES = {
  yourDetails: '/complaint/your-details',
  whatHappened: '/complaint/what-happened',
  allegations: '/complaint/allegations',
  people: '/complaint/people',
  whatYouWant: '/complaint/what-you-want',
  aboutYou: '/complaint/about-you',
  check: '/complaint/check-answers',
  sent: '/complaint/sent',
} as const;

/** One question page: shows its answers, checks a submission, saves it and moves on. */
interface QuestionSpec<V extends Values> {
  path: string;
  view: string;
  title: string;
  previous: string;
  next: string;
  read: (body: Record<string, unknown>) => PageResult<V>;
  get: (a: ComplaintAnswers) => V | undefined;
  set: (a: ComplaintAnswers, v: V) => void;
  locals?: Record<string, unknown>;
}

/** When it happened, as check your answers shows it: "3 March 2026", or the boxes as typed if they make no date. */
function whenText(a: ComplaintAnswers): string {
  const iso = (complaintBodyOf(a).incident as { when?: string } | undefined)?.when;
  if (iso) return formatDate(iso);
  const h = a.whatHappened;
  return h ? [h['when-day'], h['when-month'], h['when-year']].filter(Boolean).join(' ') : '';
}

export function complaintJourney(deps: ComplaintJourneyDeps): Router {
  const router = Router();

  const ctx: JourneyContext = {
    render: deps.render,
    answersOf(res) {
      const data = publicSession(res).data;
      data.answers ??= noAnswers();
      return data.answers;
    },
    save: (res) => deps.sessions.save(publicSession(res)),
    // "Change" on check your answers comes back to it.
    nextAfter: (req, next) => (req.query.from === 'check' ? PAGES.check : next),
    backFor: (req, previous) => (req.query.from === 'check' ? PAGES.check : previous),
  };

  function question<V extends Values>(spec: QuestionSpec<V>) {
    const show = (req: Request, res: Response, locals: Record<string, unknown>, status = 200) =>
      deps.render(res, spec.view, { title: spec.title, backLink: ctx.backFor(req, spec.previous), ...spec.locals, ...locals }, status);
    router.get(spec.path, (req, res) => show(req, res, { values: spec.get(ctx.answersOf(res)) ?? {} }));
    router.post(spec.path, async (req, res) => {
      const read = spec.read(req.body as Record<string, unknown>);
      if (!read.ok) return show(req, res, { values: read.values, errors: read.errors }, 400);
      spec.set(ctx.answersOf(res), read.values);
      await ctx.save(res);
      res.redirect(303, ctx.nextAfter(req, spec.next));
    });
  }

  question({
    path: '/your-details',
    view: 'your-details.njk',
    title: 'Your details',
    previous: '/',
    next: PAGES.whatHappened,
    read: readYourDetails,
    get: (a) => a.yourDetails,
    set: (a, v) => (a.yourDetails = v),
  });

  question({
    path: '/what-happened',
    view: 'what-happened.njk',
    title: 'What happened',
    previous: PAGES.yourDetails,
    next: PAGES.allegations,
    read: readWhatHappened,
    get: (a) => a.whatHappened,
    set: (a, v) => (a.whatHappened = v),
  });

  router.use(
    addAnotherPages<AllegationAnswer>(
      {
        key: 'allegations',
        min: 1,
        max: 20,
        itemView: 'allegation.njk',
        itemLocals: { choices: ALLEGATION_CHOICES.map((c) => ({ value: c.id, text: c.text, ...(c.hint && { hint: { text: c.hint } }) })) },
        itemTitle: (n) => (n === 1 ? 'What is your complaint about?' : 'What else is your complaint about?'),
        read: readAllegation,
        row: (a) => ({ key: allegationChoiceText(a.choice), value: a.description }),
        listTitle: (count) => `Your complaint is about ${count === 1 ? '1 thing' : `${count} things`}`,
        anotherQuestion: { legend: 'Is your complaint about anything else?', error: 'Select yes if your complaint is about anything else' },
        removeQuestion: (a) => `Are you sure you want to remove “${allegationChoiceText(a.choice)}”?`,
      },
      PAGES.people,
      PAGES.whatHappened,
      ctx,
    ),
  );

  router.use(
    addAnotherPages<PersonAnswer>(
      {
        key: 'people',
        min: 0,
        max: 20,
        itemView: 'person.njk',
        itemTitle: (n) => (n === 1 ? 'Tell us about an officer or member of staff involved' : 'Tell us about another officer or member of staff'),
        read: readPerson,
        row: (p) => ({ key: 'Officer or member of staff', value: p.description }),
        listTitle: (count) => (count === 0 ? 'Who was involved' : `You have told us about ${count === 1 ? '1 officer or member of staff' : `${count} officers or members of staff`}`),
        firstQuestion: {
          legend: 'Can you tell us about any of the officers or staff involved?',
          hint: 'You do not need to know their names. A description, a collar number or where they work helps us find them.',
          error: 'Select yes if you can tell us about any of the officers or staff involved',
        },
        anotherQuestion: { legend: 'Do you want to tell us about anyone else?', error: 'Select yes if you want to tell us about anyone else' },
        removeQuestion: () => 'Are you sure you want to remove this officer or member of staff?',
        onDone: (a) => (a.peopleDone = true),
      },
      PAGES.whatYouWant,
      PAGES.allegations,
      ctx,
    ),
  );

  question({
    path: '/what-you-want',
    view: 'what-you-want.njk',
    title: 'What you would like to happen',
    previous: PAGES.people,
    next: PAGES.aboutYou,
    read: readWhatYouWant,
    get: (a) => a.whatYouWant,
    set: (a, v) => (a.whatYouWant = v),
  });

  // Equality monitoring: optional, kept only in Postgres (ComplainantEquality), read only to look
  // for disproportionality (the early-intervention page), never sent to a workflow or an event.
  question({
    path: '/about-you',
    view: 'about-you.njk',
    title: 'About you (optional)',
    previous: PAGES.whatYouWant,
    next: PAGES.check,
    read: readAboutYou,
    get: (a) => a.aboutYou,
    set: (a, v) => (a.aboutYou = v),
    locals: { questions: ABOUT_YOU_QUESTIONS },
  });

  // ── Check your answers, and send ───────────────────────────────────────────────────────────
  const checkPage = (res: Response, locals: Record<string, unknown> = {}, status = 200) =>
    deps.render(res, 'check-answers.njk', { title: 'Check your answers before sending your complaint', backLink: PAGES.aboutYou, a: ctx.answersOf(res), whenText: whenText(ctx.answersOf(res)), aboutYou: ABOUT_YOU_QUESTIONS.map((q) => ({ name: q.name, question: q.legend.replace(' (optional)', ''), answer: aboutYouText(q.name, ctx.answersOf(res).aboutYou?.[q.name]) })), ...locals }, status);

  router.get('/check-answers', async (_req, res) => {
    // A new key each time the answers are shown: sending them (twice, with a double click) sends one complaint.
    publicSession(res).data.sendKey = `public-form-${randomUUID()}`;
    await ctx.save(res);
    checkPage(res);
  });

  router.post('/check-answers', deps.sendLimiter, async (_req, res) => {
    const session = publicSession(res);
    const read = readComplaint(ctx.answersOf(res));
    if (!read.ok) return checkPage(res, { errors: read.errors }, 400);
    const idempotencyKey = session.data.sendKey ?? `public-form-${randomUUID()}`;
    const result = await deps.store.recordComplaint({ form: read.form, idempotencyKey });
    noteComplaintResult('public', result, deps);
    if (result.outcome === 'key-reused') {
      session.data.sendKey = `public-form-${randomUUID()}`;
      await ctx.save(res);
      return checkPage(res, { errors: pageError('Your answers changed while they were being sent. Check them and send your complaint again.') }, 409);
    }
    const { ref, token } = result.receipt;
    session.data.sent = { ref, sealedToken: deps.sealer.seal(token) };
    session.data.answers = noAnswers();
    delete session.data.sendKey;
    await ctx.save(res);
    res.redirect(303, PAGES.sent);
  });

  router.get('/sent', (_req, res) => {
    const sent = publicSession(res).data.sent;
    if (!sent) return res.redirect(303, '/');
    deps.render(res, 'sent.njk', { title: 'Complaint sent', ref: sent.ref, token: deps.sealer.unseal(sent.sealedToken) });
  });

  return router;
}
