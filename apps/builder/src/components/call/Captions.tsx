'use client';

import { useEffect, useRef } from 'react';
import type { Caption } from './call-state';
import styles from './call.module.css';

const speakerLabel = { caller: 'You', bot: 'Parley' } satisfies Record<Caption['speaker'], string>;

/**
 * Captions of both sides. Finals and bot replies join a polite live log (read out once each);
 * the caller's words in progress show greyed below it, outside the log, so a screen reader is
 * not flooded with every partial guess.
 */
export function Captions({
  captions,
  partial,
  callerLabel = speakerLabel.caller,
  label = 'Call captions',
  agentView = false,
}: {
  captions: Caption[];
  partial: string | null;
  callerLabel?: string;
  label?: string;
  /** The inbox's sides: customer on the left, bot on the right (the caller's own view is the mirror). */
  agentView?: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [captions, partial]);

  return (
    <div ref={scroller} className={styles.captions} data-agent-view={agentView || undefined} data-testid="call-captions">
      <ol role="log" aria-live="polite" aria-label={label} className={styles.captionList}>
        {captions.map((caption) => (
          <li key={caption.id} className={styles.caption} data-speaker={caption.speaker} data-testid={`caption-${caption.speaker}`}>
            <span className={styles.captionSpeaker}>{caption.speaker === 'caller' ? callerLabel : speakerLabel.bot}</span>
            <span className={styles.captionText}>{caption.text}</span>
          </li>
        ))}
      </ol>
      {partial ? (
        <p className={styles.partial} data-testid="caption-partial">
          <span className={styles.captionSpeaker}>{callerLabel}</span>
          <span className={styles.captionText}>{partial.replace(/[\s.…]+$/, '')}…</span>
        </p>
      ) : null}
      {captions.length === 0 && !partial ? <p className={styles.captionsEmpty}>Captions of both sides appear here.</p> : null}
    </div>
  );
}
