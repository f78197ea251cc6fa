/**
 * The OpenAPI 3 description of /predict, generated from the active model's inputs, so a client
 * generator or a plant system's integration engineer sees exactly the fields this model accepts.
 */
import { TIME_FIELD, type PredictShape } from './predict-request';
import type { PredictVersion } from './predict-model';

type Schema = Record<string, unknown>;
/** A plausible value per input (PredictModel.examples), shown as each property's example. */
type Examples = Record<string, number | string> | null;

function inputSchema(shape: PredictShape, withTime: boolean, examples: Examples): Schema {
  const properties: Record<string, Schema> = {};
  for (const i of shape.inputs) {
    const example = examples?.[i.name] !== undefined ? { example: examples[i.name] } : {};
    properties[i.name] = i.type === 'number' ? { type: 'number', ...example } : { type: 'string', enum: i.categories, ...example };
  }
  if (withTime) {
    properties[TIME_FIELD] = { oneOf: [{ type: 'number', description: 'milliseconds since 1970-01-01T00:00:00Z' }, { type: 'string', format: 'date-time' }] };
  }
  return { type: 'object', additionalProperties: false, required: [...shape.inputs.map((i) => i.name), ...(withTime ? [TIME_FIELD] : [])], properties };
}

function requestSchema(shape: PredictShape, examples: Examples): Schema {
  const reasons = { type: 'boolean', default: false, description: 'add the top TreeSHAP reasons (costs more time)' };
  if (shape.kind === 'single') {
    return { type: 'object', additionalProperties: false, required: ['inputs'], properties: { inputs: inputSchema(shape, false, examples), reasons } };
  }
  return {
    type: 'object', additionalProperties: false, required: ['readings'],
    properties: {
      readings: {
        type: 'array', minItems: 1, maxItems: shape.maxReadings, items: inputSchema(shape, true, examples),
        description: `the asset's recent readings, oldest first (the last one is scored; rolling features use up to ${shape.maxReadings})`,
      },
      reasons,
    },
  };
}

const ERROR = { type: 'object', required: ['error'], properties: { error: { type: 'string' }, field: { type: 'string', description: 'the request field at fault' } } };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** `model` null: no active model; the request body is then described as any object. */
export function predictOpenApi(shape: PredictShape | null, model: PredictVersion | null, appVersion: string, examples: Examples = null): Schema {
  const probability = { type: 'number', minimum: 0, maximum: 1 };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Twinscope /predict',
      version: appVersion,
      description: model
        ? `Failure probability from the active model ${model.runId} (${model.pipeline}, created ${model.createdAt}, ${model.checksum}); horizon: ${model.horizon}.`
        : 'No model is active: POST /predict answers 503 until one is activated in Twinscope.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PredictRequest: shape ? requestSchema(shape, examples) : { type: 'object' },
        PredictResponse: {
          type: 'object', required: ['probability', 'modes', 'threshold', 'status', 'model'],
          properties: {
            probability: { ...probability, description: 'calibrated probability of failure within the horizon' },
            modes: { type: 'array', items: { type: 'object', required: ['mode', 'probability'], properties: { mode: { type: 'string' }, probability } } },
            threshold: { ...probability, description: "the model's operating threshold" },
            status: { type: 'string', enum: ['NORMAL', 'WARNING', 'CRITICAL'], description: 'CRITICAL at probability ≥ threshold, WARNING at ≥ threshold/2' },
            model: {
              type: 'object', required: ['runId', 'createdAt', 'checksum'],
              properties: { runId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, checksum: { type: 'string' }, engine: { type: 'string' }, pipeline: { type: 'string' }, horizon: { type: 'string' } },
            },
            reasons: {
              type: 'object',
              properties: {
                scale: { type: 'string', enum: ['probability', 'log-odds'] }, base: { type: 'number' },
                top: { type: 'array', items: { type: 'object', properties: { feature: { type: 'string' }, value: { type: 'number' }, shap: { type: 'number' } } } },
              },
            },
          },
        },
        Error: ERROR,
      },
    },
    paths: {
      '/predict': {
        post: {
          summary: 'Score one reading with the active model',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictRequest' } } } },
          responses: {
            200: { description: 'the prediction', content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictResponse' } } } },
            400: errorResponse('invalid JSON, or a missing, unknown or wrong-typed field (named in `field`)'),
            401: errorResponse('missing or wrong bearer token'),
            413: errorResponse('body over the size cap'),
            415: errorResponse('body is not application/json'),
            429: errorResponse('over the rate limit (see Retry-After)'),
            503: errorResponse('no active model'),
          },
        },
      },
      '/openapi.json': { get: { summary: 'This description', security: [{ bearer: [] }], responses: { 200: { description: 'OpenAPI 3 document' }, 401: errorResponse('missing or wrong bearer token') } } },
      '/health': { get: { summary: 'Liveness (no token needed)', security: [], responses: { 200: { description: 'the server is up' } } } },
    },
  };
}
