'use client';

import { Icon } from '@parley/ui';
import settings from '../settings.module.css';

/** A channel form's end (widget and email alike): what went wrong, Save or Create, Close, and "Saved". */
export function ChannelFormFooter({
  error,
  pending,
  canSave,
  saveLabel,
  saved,
  onClose,
}: {
  error: string | undefined;
  pending: boolean;
  canSave: boolean;
  saveLabel: string;
  saved: boolean;
  onClose: () => void;
}) {
  return (
    <>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className={settings.formFooter}>
        <button type="submit" className="btn btn-primary" disabled={pending || !canSave} data-testid="channel-save">
          <Icon name="check" size={14} />
          {saveLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close
        </button>
        {saved && !pending ? (
          <span className={settings.success} role="status">
            <Icon name="check-circle" size={14} /> Saved
          </span>
        ) : null}
      </div>
    </>
  );
}
