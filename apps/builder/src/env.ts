import { z } from 'zod';

/**
 * The builder's environment, validated once. Nothing else reads `process.env`.
 *
 * Read at request time (the root layout calls `connection()` first), so one build can be
 * pointed at any API server: `API_URL=https://api.example.com next start`.
 */
const EnvSchema = z.object({
  API_URL: z
    .url({ message: 'API_URL must be an absolute URL, e.g. http://localhost:4000' })
    .default('http://localhost:4000')
    .transform((url) => url.replace(/\/+$/, '')),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(): Env {
  const parsed = EnvSchema.safeParse({ API_URL: process.env.API_URL || undefined });
  if (!parsed.success) {
    throw new Error(`Invalid builder environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
