'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import { AuthCard, AuthError, AuthNotice } from './AuthCard';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields';
import styles from './auth.module.css';

/**
 * The page a reset link lands on (`?token=`; the API sends `?error=INVALID_TOKEN` for a used or
 * expired link). Every session of the person ends when the password changes.
 */
export function ResetPasswordForm() {
  const auth = useAuthClient();
  const search = useSearchParams();
  const token = search.get('token');
  const linkError = search.get('error');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  if (!token || linkError) {
    return (
      <AuthCard title="This reset link does not work" testId="reset-password">
        <AuthError>The link is used, expired or incomplete. Ask for a new one from the sign-in page.</AuthError>
        <Link href="/sign-in" className={`btn btn-primary ${styles.submit}`}>
          Back to sign in
        </Link>
      </AuthCard>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(password, confirm);
    if (problem) return setError(problem);
    setError(null);
    setPending(true);
    const result = await auth.resetPassword({ newPassword: password, token: token! });
    setPending(false);
    if (result.error) setError(authErrorMessage(result.error, 'Could not change the password.'));
    else setDone(true);
  }

  return (
    <AuthCard title="Choose a new password" testId="reset-password">
      {done ? (
        <>
          <AuthNotice>Your password is changed. Sign in with it now.</AuthNotice>
          <Link href="/sign-in" className={`btn btn-primary ${styles.submit}`}>
            Sign in
          </Link>
        </>
      ) : (
        <form className={styles.form} onSubmit={submit}>
          {error ? <AuthError>{error}</AuthError> : null}
          <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
          <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={pending}>
            {pending ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
