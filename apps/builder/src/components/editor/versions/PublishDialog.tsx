'use client';

import { useEffect, useId, useState } from 'react';
import { FormDialog } from '@parley/ui';
import styles from './versions.module.css';
import replayStyles from './replay.module.css';
import type { FlowGraph } from '@parley/flow';
import { ReplayResults } from './ReplayResults';
import { useReplayCheck } from './useReplayCheck';

const NOTE_MAX = 500;

/**
 * Asks for an optional note before publishing (what changed and why, shown in the history) and
 * offers the advisory replay check: recent real conversations replayed on the draft, so the admin
 * publishes knowing which would now go or answer differently. Publishing never waits for it.
 */
export function PublishDialog({
  open,
  flowId,
  version,
  saveFirst,
  graph,
  onPublish,
  onClose,
}: {
  open: boolean;
  flowId: string;
  /** The number the draft will be published as. */
  version: number;
  /** Saves the canvas when it has edits (the check replays the saved draft); false when that failed. */
  saveFirst: () => Promise<boolean>;
  /** The draft as on the canvas: names the steps a path difference mentions. */
  graph: FlowGraph;
  onPublish: (note: string) => void;
  onClose: () => void;
}) {
  const noteId = useId();
  const [note, setNote] = useState('');
  const replay = useReplayCheck(flowId, saveFirst);
  const { reset } = replay;
  useEffect(() => {
    if (!open) reset();
  }, [open, reset]);

  return (
    <FormDialog
      open={open}
      title={`Publish version ${version}`}
      description="New conversations start on it right away; conversations already running keep their version."
      wide={Boolean(replay.check)}
      onOpen={() => setNote('')}
      onSubmit={() => onPublish(note.trim())}
      onClose={onClose}
      testId="publish-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="publish-confirm">
            Publish
          </button>
        </>
      }
    >
        <div className={`field ${styles.noteField}`}>
          <label htmlFor={noteId} className="field-label">
            Note (optional)
          </label>
          <textarea
            id={noteId}
            className="input"
            rows={3}
            maxLength={NOTE_MAX}
            placeholder="What changed, and why"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            autoFocus
            data-testid="publish-note"
          />
        </div>
        <section className={replayStyles.check} aria-label="Check against recent conversations">
          <div className={replayStyles.checkHead}>
            <span className={replayStyles.checkTitle}>What would change?</span>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => void (replay.running ? replay.reset() : replay.run())}
              data-testid="replay-check"
            >
              {replay.running ? 'Stop check' : replay.check ? 'Check again' : 'Check against recent conversations'}
            </button>
          </div>
          {!replay.check && !replay.failure && (
            <p className={replayStyles.hint}>
              Replays what customers wrote in the last 20 conversations of the published version on this draft and shows where the
              path or the replies would differ. Optional: you can publish without it.
            </p>
          )}
          {replay.failure && (
            <p className={replayStyles.error} role="alert">
              {replay.failure}
            </p>
          )}
          {replay.check && <ReplayResults check={replay.check} graph={graph} />}
        </section>
    </FormDialog>
  );
}
