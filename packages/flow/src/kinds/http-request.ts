import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { HTTP_METHODS, parseHeaderLines } from '../integrations/http';
import { parseResponseMapping } from '../integrations/node-mappings';
import { variableNameSchema } from '../variable-schema';

export { parseResponseMapping };

/**
 * Calls an HTTP API (an order system, a CRM) and maps parts of the response into variables.
 * A 2xx response leaves through `success`; anything else (non-2xx, timeout, network error)
 * through `error`, with the status and an error text in variables: a failing API is a branch of
 * the conversation, not a crash.
 */
export const httpRequest = defineNodeKind({
  kind: 'http_request',
  label: 'HTTP request',
  description: 'Call an API and save parts of its response in variables.',
  category: 'integrations',
  ports: {
    input: true,
    outputs: [
      { id: 'success', label: 'Success' },
      { id: 'error', label: 'Error' },
    ],
  },
  config: z
    .strictObject({
      method: z
        .enum(HTTP_METHODS, { error: `Choose one of ${HTTP_METHODS.join(', ')}` })
        .default('GET')
        .meta({ title: 'Method', widget: 'select' } satisfies FieldMeta),
      url: z
        .string({ error: 'Must be text' })
        .trim()
        .min(1, { error: 'Required', abort: true })
        .max(2000, { error: 'Must be at most 2000 characters' })
        .regex(/^(https?:\/\/|\{\{)/i, { error: 'Must start with http:// or https://' })
        .meta({
          title: 'URL',
          description: 'Use {{variable}} for values; they are URL-encoded, e.g. https://shop.example.com/orders/{{order_id}}.',
          widget: 'text',
          placeholder: 'https://api.example.com/orders/{{order_id}}',
          template: true,
          secrets: true,
        } satisfies FieldMeta),
      headers: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Headers',
          description: 'One per line: Name: value. Values may use {{variables}} and workspace secrets as {{secrets.NAME}}.',
          widget: 'headers',
          placeholder: 'Authorization: Bearer {{secrets.API_TOKEN}}',
          template: true,
          secrets: true,
        } satisfies FieldMeta),
      body: z
        .string({ error: 'Must be text' })
        .max(20_000, { error: 'Must be at most 20000 characters' })
        .default('')
        .meta({
          title: 'Body',
          description: 'Sent as JSON when it is JSON (values inside are escaped), otherwise as text. Not for GET.',
          widget: 'json',
          placeholder: '{"email": "{{email}}"}',
          template: true,
          secrets: true,
        } satisfies FieldMeta),
      timeoutSeconds: z.coerce
        .number({ error: 'Must be a number of seconds' })
        .int({ error: 'Must be a whole number' })
        .min(1, { error: 'At least 1 second' })
        .max(30, { error: 'At most 30 seconds' })
        .default(10)
        .meta({ title: 'Timeout (seconds)', description: 'Give up and take the error exit after this long (1–30).', widget: 'text' } satisfies FieldMeta),
      responseMapping: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Save from response',
          description: 'One per line: variable = path, where path is status, headers.<name> or body.<key>[<index>]… Lists and objects are saved as JSON text.',
          widget: 'mappings',
          placeholder: 'order_status = body.order.status\nfirst_item = body.items[0].id',
        } satisfies FieldMeta),
      statusVariable: variableNameSchema.default('http_status').meta({
        title: 'Save status as',
        description: 'The HTTP status code (null when there was no response).',
        widget: 'variable',
      } satisfies FieldMeta),
      errorVariable: variableNameSchema.default('http_error').meta({
        title: 'Save error as',
        description: 'What went wrong on the error exit (empty on success).',
        widget: 'variable',
        variableType: 'string',
      } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const headers = parseHeaderLines(config.headers);
      if (!headers.ok) ctx.addIssue({ code: 'custom', path: ['headers'], message: headers.error });
      const mapping = parseResponseMapping(config.responseMapping);
      if (!mapping.ok) ctx.addIssue({ code: 'custom', path: ['responseMapping'], message: mapping.error });
      if (config.method === 'GET' && config.body.trim()) {
        ctx.addIssue({ code: 'custom', path: ['body'], message: 'A GET request has no body; choose POST, PUT or PATCH' });
      }
    }),
  defaults: {
    method: 'GET',
    url: 'https://api.example.com/orders/{{order_id}}',
    headers: '',
    body: '',
    timeoutSeconds: 10,
    responseMapping: 'order_status = body.status',
    statusVariable: 'http_status',
    errorVariable: 'http_error',
  },
  storedVariables: (config) => {
    const mapping = parseResponseMapping(config.responseMapping);
    return mapping.ok ? mapping.mappings.map((m) => m.target) : [];
  },
});
