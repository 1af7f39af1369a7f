// The conduct matter API's part of the casework OpenAPI document (openapi.ts spreads it in); see
// conduct.ts for the routes. Request bodies are generated from the zod schemas that validate them.
import { errorResponse, fromZod, json, ref, type Json } from '@probity/shared/http/openapi';
import { PROCEEDINGS_FORMS, SANCTIONS, SUPERVISOR_VIEWS } from '@probity/shared/domain/index';
import { CONDUCT_TASK_TYPES, STANDARDS } from '@probity/workflows/conduct/contract';
import { completeTaskBodySchema } from '../complaint/case-api';
import { conductMatterFormSchema, developmentReportBodySchema, reflectiveDiscussionBodySchema, rprpReviewBodySchema } from './conduct-form';
import { BODY_LIMIT } from '@probity/shared/http/errors';
import { formalRequestBodySchema, officerResponseBodySchema } from './conduct-api';

const error = errorResponse;
const basis = (section: string) => ({ basis: { type: 'string', const: section, description: 'The policy paragraph the refusal rests on' } });

/**
 * The bodies of the formal assessment request and the officer's response. conduct.ts keeps its
 * validators private; these mirror them, and conduct-openapi.test.ts checks them against the
 * routes' real answers so the two cannot drift apart unnoticed.
 */

const E = {
  400: error('Validation failed (`fields` names each bad field by dotted path) or malformed JSON', ['validation_failed', 'invalid_json']),
  401: error('No bearer token, or an invalid or expired one', ['unauthorized']),
  413: error(`Body larger than ${BODY_LIMIT}`, ['payload_too_large']),
  415: error('Body is not application/json', ['unsupported_media_type']),
  500: error('Unexpected error (logged; no details are returned)', ['internal_error']),
  503: error('The matter workflow (Temporal) did not answer; try again shortly', ['unavailable']),
  noWorkflow: error('No open conduct matter workflow for this reference', ['not_found']),
};

const conductRefParam = {
  name: 'ref',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{4}-\\d{6,}$' },
  example: 'CM-2026-000123',
};
const taskIdParam = { name: 'taskId', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyParam = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes the POST safe to retry: the same key with the same body returns the first answer and never raises a second matter; the same key with a different body is a 409.',
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};
const bearer = [{ bearerAuth: [] }];
const withState = json({ type: 'object', required: ['state'], properties: { state: ref('ConductState') } }, "The matter workflow's state after the update");
const tags = ['conduct'];

export const CONDUCT_TAG = { name: 'conduct', description: 'Conduct matters raised by supervisors (policy §3.3), reflective practice (RPRP) and proceedings' };

export function conductOpenApiPaths(): Json {
  return {
    '/conduct-matters': {
      post: {
        tags,
        operationId: 'raiseConductMatter',
        summary: 'Raise a conduct matter (a supervisor or above)',
        description:
          "Triage follows the supervisor's view (§3.3.4–§3.3.7). A view of possible misconduct is a request for formal PSD assessment, which only an officer of chief inspector rank or above may make (§3.3.5): anyone else gets a 403 formal_assessment_refused.",
        security: bearer,
        parameters: [idempotencyParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ConductMatterForm') } } },
        responses: {
          202: json(ref('ConductMatterAccepted'), 'Accepted: the matter is recorded and its workflow starts', {
            Location: { description: 'The URL of the matter', schema: { type: 'string' } },
            'Idempotent-Replayed': { description: '"true" when this is the stored answer to an earlier request with the same key', schema: { type: 'string' } },
          }),
          400: error('Validation failed (`fields` names each bad field by dotted path, e.g. subject.personId for an unknown or inactive person, or Idempotency-Key) or malformed JSON', [
            'validation_failed',
            'invalid_json',
          ]),
          401: E[401],
          403: error('Not a supervisor or above (forbidden), or a request for formal assessment by someone below chief inspector (formal_assessment_refused, basis §3.3.5)', ['forbidden', 'formal_assessment_refused'], basis('§3.3.5')),
          409: error('The Idempotency-Key was already used with a different request', ['idempotency_key_reused']),
          413: E[413],
          415: E[415],
          422: error('The matter is about the person raising it', ['own_conduct']),
          500: E[500],
        },
      },
    },
    '/conduct-matters/{ref}': {
      get: {
        tags,
        operationId: 'conductMatter',
        summary: 'The matter and its workflow state (PSD, the supervisor who raised it, and people with a task on it)',
        description: "The supervisor's account of what happened is included only for PSD and the supervisor who raised the matter.",
        security: bearer,
        parameters: [conductRefParam],
        responses: {
          200: json(ref('ConductMatterRecord'), 'The matter'),
          401: E[401],
          403: error('Not PSD, not the raiser, and no task on the matter', ['forbidden']),
          404: error('No such conduct matter', ['not_found']),
          500: E[500],
        },
      },
    },
    '/conduct-matters/{ref}/tasks/{taskId}/complete': {
      post: {
        tags,
        operationId: 'completeConductTask',
        summary: 'Complete a task of the matter',
        description:
          "Runs the workflow update completeTask; its validator checks the actor, the stage and the payload. For the RPRP tasks the sealed parts (§3.3.9) are split off and stored in the reflective practice record, never in the workflow: reflective-discussion takes ReflectiveDiscussionPayload, development-report takes DevelopmentReportPayload, rprp-review takes RprpReviewPayload. The actor and payload are checked against the open task first, so nothing sealed is stored for a completion that is refused.",
        security: bearer,
        parameters: [conductRefParam, taskIdParam],
        requestBody: { required: false, content: { 'application/json': { schema: ref('ConductCompleteTaskBody') } } },
        responses: {
          200: json({ type: 'object', required: ['task'], properties: { task: ref('ConductTask') } }, 'The completed task'),
          400: E[400],
          401: E[401],
          404: E.noWorkflow,
          409: error('The workflow refused: wrong actor, wrong stage or a bad payload; `message` says which', ['task_refused']),
          413: E[413],
          415: E[415],
          500: E[500],
          503: E[503],
        },
      },
    },
    '/conduct-matters/{ref}/formal-assessment-request': {
      post: {
        tags,
        operationId: 'requestFormalAssessment',
        summary: 'Ask PSD to assess the matter formally (§3.3.5: chief inspector or above only)',
        description: 'Runs the workflow update requestFormalAssessment. Someone below chief inspector rank is refused with a 403 before the workflow is asked; the workflow\'s own refusal is a 409.',
        security: bearer,
        parameters: [conductRefParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('FormalAssessmentRequestBody') } } },
        responses: {
          200: withState,
          400: E[400],
          401: E[401],
          403: error('Below chief inspector rank (§3.3.5)', ['formal_assessment_refused'], basis('§3.3.5')),
          404: E.noWorkflow,
          409: error('The workflow refused the request (e.g. already requested, or past triage); `message` says why', ['formal_assessment_refused']),
          413: E[413],
          415: E[415],
          500: E[500],
          503: E[503],
        },
      },
    },
    '/conduct-matters/{ref}/officer-response': {
      post: {
        tags,
        operationId: 'recordOfficerResponse',
        summary: "Record that the officer's response was received (Conduct reg 18 after the notice, reg 31 after a referral)",
        description: 'Runs the workflow update recordOfficerResponse; a refusal (no such window open, not the officer or PSD) is a 409.',
        security: bearer,
        parameters: [conductRefParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('OfficerResponseBody') } } },
        responses: {
          200: withState,
          400: E[400],
          401: E[401],
          404: E.noWorkflow,
          409: error('The workflow refused; `message` says why', ['response_refused']),
          413: E[413],
          415: E[415],
          500: E[500],
          503: E[503],
        },
      },
    },
    '/conduct-matters/{ref}/appeal': {
      post: {
        tags,
        operationId: 'lodgeConductAppeal',
        summary: 'Lodge a written notice of appeal from a misconduct meeting (Conduct reg 45)',
        description: 'No body is needed (an empty JSON object is accepted). Runs the workflow update lodgeAppeal; a refusal (no appealable outcome, window closed, not the officer) is a 409.',
        security: bearer,
        parameters: [conductRefParam],
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: withState,
          400: error('Malformed JSON', ['invalid_json']),
          401: E[401],
          404: E.noWorkflow,
          409: error('The workflow refused the appeal; `message` says why', ['appeal_refused']),
          413: E[413],
          415: E[415],
          500: E[500],
          503: E[503],
        },
      },
    },
    '/conduct-matters/{ref}/rprp': {
      get: {
        tags,
        operationId: 'rprpRecord',
        summary: 'The sealed reflective practice record (§3.3.9): the participating officer, the reviewing line manager and PSD only',
        description:
          'Anyone working on disciplinary proceedings about the same matter is refused whatever their role (403 sealed, basis §3.3.9): the officer\'s account may not be used in them. Every read and every refusal is audited.',
        security: bearer,
        parameters: [conductRefParam],
        responses: {
          200: json({ type: 'object', required: ['rprp'], properties: { rprp: ref('RprpRecord') } }, 'The record, sealed parts included'),
          401: E[401],
          403: error('Sealed from people working on the proceedings of the same matter (sealed, basis §3.3.9), or not the participant, the reviewer or PSD (forbidden)', ['sealed', 'forbidden'], basis('§3.3.9')),
          404: error('The matter has no reflective practice record', ['not_found']),
          500: E[500],
        },
      },
    },
  };
}

const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };

export function conductOpenApiSchemas(): Json {
  return {
    ConductMatterForm: fromZod(conductMatterFormSchema),
    ConductCompleteTaskBody: {
      ...fromZod(completeTaskBodySchema),
      description: 'payload: its shape depends on the task type; the workflow validates it. The RPRP tasks take the payloads below.',
    },
    ReflectiveDiscussionPayload: { ...fromZod(reflectiveDiscussionBodySchema), description: 'reflective-discussion: account is sealed (§3.3.9); heldOn is an ISO date' },
    DevelopmentReportPayload: { ...fromZod(developmentReportBodySchema), description: "development-report: descriptions are sealed (§3.3.9); dueOn is an ISO date, owner 'participant' (default) or 'reviewer'" },
    RprpReviewPayload: { ...fromZod(rprpReviewBodySchema), description: 'rprp-review: note is sealed (§3.3.9); heldOn is an ISO date' },
    FormalAssessmentRequestBody: fromZod(formalRequestBodySchema),
    OfficerResponseBody: { ...fromZod(officerResponseBodySchema), description: "window: 'notice' (Conduct reg 18) or 'referral' (Conduct reg 31)" },
    ConductMatterAccepted: {
      type: 'object',
      required: ['ref', 'caseId', 'url', 'triage'],
      properties: {
        ref: { type: 'string', pattern: '^CM-\\d{4}-\\d{6,}$', example: 'CM-2026-000123' },
        caseId: { type: 'string', format: 'uuid' },
        url: { type: 'string', example: '/conduct-matters/CM-2026-000123' },
        triage: ref('ConductTriage'),
      },
    },
    ConductTriage: {
      type: 'object',
      required: ['route', 'basis', 'explanation'],
      properties: {
        route: { type: 'string', enum: ['local-reflective-practice', 'discuss-with-chief-inspector', 'seek-psd-advice', 'request-formal-assessment'] },
        basis: { type: 'string', examples: ['§3.3.4', '§3.3.5', '§3.3.7'] },
        explanation: { type: 'string' },
      },
    },
    ConductMatterRecord: {
      type: 'object',
      required: ['matter', 'state', 'workflow'],
      properties: {
        matter: {
          type: 'object',
          required: ['ref', 'caseId', 'stage', 'receivedAt', 'closedAt', 'view', 'standards', 'subjectPersonId', 'raisedById'],
          properties: {
            ref: { type: 'string' },
            caseId: { type: 'string' },
            stage: { type: 'string' },
            receivedAt: dateTime,
            closedAt: { type: ['string', 'null'], format: 'date-time' },
            view: { type: 'string', enum: [...SUPERVISOR_VIEWS] },
            standards: { type: 'array', items: { type: 'string', enum: [...STANDARDS] } },
            subjectPersonId: { type: 'string' },
            raisedById: { type: 'string' },
            account: { type: 'object', description: 'What happened, when and where: PSD and the supervisor who raised the matter only' },
          },
        },
        state: { oneOf: [ref('ConductState'), { type: 'null' }], description: 'The workflow state query result, or null when it could not be read' },
        workflow: { type: 'string', enum: ['running', 'not-started', 'unavailable'] },
      },
    },
    ConductTask: {
      type: 'object',
      required: ['id', 'type', 'assigneeId', 'managerId', 'createdAt', 'dueAt', 'escalations'],
      properties: {
        id: { type: 'string' },
        type: { type: 'string', enum: [...CONDUCT_TASK_TYPES] },
        assigneeId: { type: 'string' },
        managerId: { type: ['string', 'null'], description: "The assignee's manager (may also complete the task)" },
        createdAt: dateTime,
        dueAt: dateTime,
        escalations: { type: 'integer', description: 'How many times the breach has been escalated (0: not breached)' },
        completedAt: dateTime,
        completedBy: { type: 'string' },
      },
    },
    ConductState: {
      type: 'object',
      description: "The conduct matter workflow's state query (no sealed RPRP text: dates and owners only)",
      required: ['ref', 'stage', 'view', 'triage', 'responseWindows', 'longRunningReports', 'slaBreached', 'openTasks', 'completedTasks', 'stages'],
      properties: {
        ref: { type: 'string' },
        stage: { type: 'string' },
        view: { type: 'string', enum: [...SUPERVISOR_VIEWS] },
        triage: ref('ConductTriage'),
        formalRequest: { type: 'object', properties: { byId: { type: 'string' }, at: dateTime, via: { type: 'string', enum: ['intake', 'chief-inspector', 'psd-advice', 'update'] } } },
        severity: { type: 'object' },
        investigatorId: { type: 'string' },
        proceedingsForm: { type: 'string', enum: [...PROCEEDINGS_FORMS] },
        finding: { type: 'string' },
        sanction: { type: 'string', enum: [...SANCTIONS] },
        responseWindows: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kind', 'opensOn', 'closesOn'],
            properties: { kind: { type: 'string', enum: ['notice', 'referral'] }, opensOn: date, closesOn: date, respondedOn: date, respondedBy: { type: 'string' } },
          },
        },
        appealWindowClosesOn: date,
        appeal: { type: 'object', properties: { lodgedOn: date, lodgedBy: { type: 'string' }, result: { type: 'string' } } },
        rprp: { type: 'object', description: 'Reflective practice: who directed it, the reviewer, dates and actions (never the account)' },
        longRunningReports: { type: 'integer', description: 'Conduct reg 19 reports made' },
        outcome: { type: 'string' },
        slaBreached: { type: 'boolean' },
        openTasks: { type: 'array', items: ref('ConductTask') },
        completedTasks: { type: 'array', items: ref('ConductTask') },
        stages: { type: 'array', items: { type: 'object' } },
      },
    },
    RprpRecord: {
      type: 'object',
      description: 'Sealed (§3.3.9)',
      required: ['ref', 'participantId', 'reviewerId', 'directedBy', 'actions', 'reviewDueOn'],
      properties: {
        ref: { type: 'string' },
        participantId: { type: 'string' },
        reviewerId: { type: 'string' },
        directedBy: { type: 'string', enum: ['psd', 'proceedings'] },
        instructions: { type: ['string', 'null'] },
        account: { type: ['string', 'null'], description: "The officer's account from the reflective discussion" },
        discussionHeldOn: { type: ['string', 'null'], format: 'date' },
        actions: {
          type: ['array', 'null'],
          items: {
            type: 'object',
            required: ['id', 'description', 'dueOn', 'owner'],
            properties: { id: { type: 'string' }, description: { type: 'string' }, dueOn: date, owner: { type: 'string', enum: ['participant', 'reviewer'] } },
          },
        },
        reviewDueOn: { type: ['string', 'null'], format: 'date' },
        reviewedOn: { type: ['string', 'null'], format: 'date' },
        reviewNote: { type: ['string', 'null'] },
      },
    },
  };
}
