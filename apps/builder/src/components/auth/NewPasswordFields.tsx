'use client';

import { useId } from 'react';

/** The API's rule (better-auth.ts: minPasswordLength / maxPasswordLength). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Why a new password cannot be used yet, or null when it can. */
export function newPasswordProblem(password: string, confirm: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (password !== confirm) return 'The two passwords differ.';
  return null;
}

/** A new password typed twice, with the length rule under it. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  label = 'New password',
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  label?: string;
}) {
  const passwordId = useId();
  const confirmId = useId();
  const helpId = useId();
  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <>
      <div className="field">
        <label htmlFor={passwordId} className="field-label">
          {label}
        </label>
        <input
          id={passwordId}
          className="input"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          aria-describedby={helpId}
          value={password}
          onChange={(event) => onPassword(event.target.value)}
          data-testid="new-password"
        />
        <p id={helpId} className="field-help">
          At least {PASSWORD_MIN} characters.
        </p>
      </div>
      <div className="field">
        <label htmlFor={confirmId} className="field-label">
          Repeat it
        </label>
        <input
          id={confirmId}
          className="input"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX}
          aria-invalid={mismatch || undefined}
          value={confirm}
          onChange={(event) => onConfirm(event.target.value)}
          data-testid="confirm-password"
        />
        {mismatch ? <p className="field-error">The two passwords differ.</p> : null}
      </div>
    </>
  );
}
