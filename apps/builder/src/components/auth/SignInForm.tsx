'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import { safeNext } from '@/lib/public-paths';
import { useMe } from '@/lib/session';
import { AuthCard, AuthError } from './AuthCard';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { SingleSignOnButton } from './SingleSignOnButton';
import styles from './auth.module.css';

/**
 * Email and password (and single sign-on when the API offers it). Nobody signs up here: people
 * join by invitation. After signing in, back to the page that sent them here (`?next=`).
 */
export function SignInForm({ oidcName }: { oidcName: string | null }) {
  const auth = useAuthClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = useSearchParams();
  const next = safeNext(search.get('next'));
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [forgot, setForgot] = useState(false);
  const emailId = useId();
  const passwordId = useId();
  // Signed in already (a bookmark, the back button): straight on.
  const me = useMe();
  const signedIn = Boolean(me.data?.active);
  useEffect(() => {
    if (signedIn && !pending) router.replace(next);
  }, [signedIn, pending, next, router]);

  if (forgot) return <ForgotPasswordForm initialEmail={email} onBack={() => setForgot(false)} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const result = await auth.signIn.email({ email: email.trim(), password });
    if (result.error) {
      setPending(false);
      setError(
        result.error.status === 401 ? 'That email and password do not match. Try again or reset your password.' : authErrorMessage(result.error, 'Could not sign in.'),
      );
      return;
    }
    // Answers cached for whoever was here before belong to them, not to this person.
    await queryClient.resetQueries();
    router.replace(next);
  }

  return (
    <AuthCard title="Sign in to Parley" subtitle="Build flows, work the inbox and follow conversations live." testId="sign-in">
      <form className={styles.form} onSubmit={submit} noValidate={false}>
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
            data-testid="sign-in-email"
          />
        </div>
        <div className="field">
          <div className={styles.labelRow}>
            <label htmlFor={passwordId} className="field-label">
              Password
            </label>
            <button type="button" className={styles.linkButton} onClick={() => setForgot(true)} data-testid="forgot-password">
              Forgot password?
            </button>
          </div>
          <input
            id={passwordId}
            className="input"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="sign-in-password"
          />
        </div>
        <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={pending} data-testid="sign-in-submit">
          {pending ? <span className="spinner" aria-hidden="true" /> : <Icon name="lock" size={14} />}
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName ? (
        <>
          <div className={styles.divider}>or</div>
          <SingleSignOnButton name={oidcName} next={next} />
        </>
      ) : null}
      <p className={styles.footer}>New here? Ask an admin of your workspace for an invitation.</p>
    </AuthCard>
  );
}
