'use client';

import { useId, useState, type FormEvent } from 'react';
import { NewPasswordFields, newPasswordProblem } from '@/components/auth/NewPasswordFields';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import styles from './settings.module.css';

/** Changes the password (the current one is asked again) and signs out every other session. */
export function ChangePasswordForm() {
  const auth = useAuthClient();
  const currentId = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const problem = newPasswordProblem(password, confirm);
    if (problem) return setError(problem);
    setError(null);
    setPending(true);
    const result = await auth.changePassword({ currentPassword: current, newPassword: password, revokeOtherSessions: true });
    setPending(false);
    if (result.error) {
      setError(result.error.status === 400 ? 'The current password is not right.' : authErrorMessage(result.error, 'Could not change the password.'));
      return;
    }
    setCurrent('');
    setPassword('');
    setConfirm('');
    setDone(true);
  }

  return (
    <form className={`${styles.card} ${styles.narrow}`} onSubmit={submit} aria-label="Change password" data-testid="change-password-form">
      <h2 className={styles.cardTitle}>Change password</h2>
      <div className="field">
        <label htmlFor={currentId} className="field-label">
          Current password
        </label>
        <input id={currentId} className="input" type="password" autoComplete="current-password" required maxLength={200} value={current} onChange={(event) => setCurrent(event.target.value)} />
      </div>
      <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : done ? (
        <p className="field-help" role="status">
          Password changed. Your other sessions are signed out.
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn btn-primary" disabled={pending || !current}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
