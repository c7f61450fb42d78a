'use client';

import { useState } from 'react';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import { AuthError } from './AuthCard';
import styles from './auth.module.css';

/** The API's OpenID Connect provider id (packages/api/src/auth/better-auth.ts). */
const OIDC_PROVIDER_ID = 'oidc';

/** Single sign-on: the API answers with the provider's authorization URL, and the browser goes there. */
export function SingleSignOnButton({ name, next }: { name: string; next: string }) {
  const auth = useAuthClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start() {
    setError(null);
    setPending(true);
    const origin = window.location.origin;
    const result = await auth.$fetch<{ url?: string }>('/sign-in/oauth2', {
      method: 'POST',
      body: { providerId: OIDC_PROVIDER_ID, callbackURL: `${origin}${next}`, errorCallbackURL: `${origin}/sign-in` },
    });
    if (result.error || !result.data?.url) {
      setPending(false);
      setError(authErrorMessage(result.error, `Could not reach ${name}.`));
      return;
    }
    window.location.assign(result.data.url);
  }

  return (
    <>
      {error ? <AuthError>{error}</AuthError> : null}
      <button type="button" className={`btn ${styles.submit}`} onClick={() => void start()} disabled={pending} data-testid="sign-in-oidc">
        Sign in with {name}
      </button>
    </>
  );
}
