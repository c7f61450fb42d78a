'use client';

import { useId, useState, type FormEvent } from 'react';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import { AuthCard, AuthError, AuthNotice } from './AuthCard';
import styles from './auth.module.css';

/**
 * Asks for a reset link by email. The answer is the same whether or not the address has an
 * account, so the form tells nobody who has one.
 */
export function ForgotPasswordForm({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const auth = useAuthClient();
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const address = email.trim();
    const result = await auth.requestPasswordReset({ email: address, redirectTo: `${window.location.origin}/reset-password` });
    setPending(false);
    if (result.error) setError(authErrorMessage(result.error, 'Could not send the link.'));
    else setSentTo(address);
  }

  return (
    <AuthCard title="Reset your password" subtitle="We will email you a link to choose a new one." testId="forgot-password-form">
      {sentTo ? (
        <AuthNotice>If {sentTo} has a Parley account, a reset link is on its way. It works for one hour.</AuthNotice>
      ) : (
        <form className={styles.form} onSubmit={submit}>
          {error ? <AuthError>{error}</AuthError> : null}
          <div className="field">
            <label htmlFor={emailId} className="field-label">
              Email
            </label>
            <input
              id={emailId}
              className="input"
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={pending}>
            {pending ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <button type="button" className={styles.linkButton} onClick={onBack}>
        Back to sign in
      </button>
    </AuthCard>
  );
}
