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
  /**
   * Set when the API offers single sign-on (the same variable the API reads): the sign-in page
   * then shows a "Sign in with <OIDC_NAME>" button.
   */
  OIDC_DISCOVERY_URL: z.url().optional(),
  OIDC_NAME: z.string().min(1).default('single sign-on'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(): Env {
  const parsed = EnvSchema.safeParse({
    API_URL: process.env.API_URL || undefined,
    OIDC_DISCOVERY_URL: process.env.OIDC_DISCOVERY_URL || undefined,
    OIDC_NAME: process.env.OIDC_NAME || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid builder environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
