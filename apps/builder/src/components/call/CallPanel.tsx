'use client';

import { Icon } from '@parley/ui';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { useApiUrl } from '@/lib/api-url';
import { errorMessage } from '@/lib/errors';
import { CallControls, ShortcutLegend } from './CallControls';
import { Captions } from './Captions';
import { displayState, errorTitles, stateLabels } from './call-state';
import styles from './call.module.css';
import { useCallShortcuts } from './useCallShortcuts';
import { useVoiceCall } from './useVoiceCall';
import { Waveform } from './Waveform';

type Mode = 'auto' | 'push-to-talk';

/** A voice conversation just opened: its id, the caller's token and what the flow said first. */
export interface OpenedCall {
  conversationId: string;
  token: string;
  replies: readonly { id: string; author: string; text: string }[];
}

/**
 * A spoken conversation on a new `voice` conversation: the web chat's call mode (the flow's
 * published version) and the simulator's (the draft, as a test). Before the call: the mode
 * (hands-free or push-to-talk) and a Start button (the click is the user gesture that unlocks the
 * microphone and audio). During it: the state orb, both waveforms, captions, controls and their
 * keys. After it: how it ended.
 */
export function CallPanel({
  title,
  open,
  onClose,
  closeLabel = 'Back to chat',
  inInbox = true,
}: {
  /** Shown before the call: "Call <title>". */
  title: string;
  /** Starts the voice conversation (after the microphone was granted). */
  open(): Promise<OpenedCall>;
  onClose(): void;
  closeLabel?: string;
  /** Whether the conversation can be opened in the inbox afterwards (a test one cannot). */
  inInbox?: boolean;
}) {
  const apiUrl = useApiUrl();
  const call = useVoiceCall(apiUrl);
  const [mode, setMode] = useState<Mode>('auto');
  const [opening, setOpening] = useState(false);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const endButtonArea = useRef<HTMLDivElement>(null);
  const modeName = useId();

  const { view } = call;
  const state = displayState(view);
  const inCall = view.phase === 'connecting' || view.phase === 'live';
  const before = view.phase === 'idle';

  useEffect(() => {
    if (before) startButton.current?.focus();
  }, [before]);
  // Into the call, focus goes to the controls (the first, Mute); the keys work from anywhere.
  useEffect(() => {
    if (view.phase === 'live') endButtonArea.current?.querySelector('button')?.focus();
  }, [view.phase]);

  useCallShortcuts(inCall, {
    ptt: call.setPtt,
    toggleMute: () => call.setMuted(!view.muted),
    end: call.hangup,
  });

  function begin() {
    void call.start(mode, async () => {
      setOpening(true);
      const result = await open()
        .catch((error: unknown) => {
          throw new Error(`Could not start the conversation: ${errorMessage(error)}`);
        })
        .finally(() => setOpening(false));
      setConversationId(result.conversationId);
      return {
        conversationId: result.conversationId,
        token: result.token,
        opening: result.replies.filter((r) => r.author === 'bot').map((r) => ({ id: r.id, speaker: 'bot' as const, text: r.text })),
      };
    });
  }

  const starting = opening || view.phase === 'connecting';

  return (
    <section className={styles.panel} aria-label="Voice call" data-testid="call-panel" data-phase={view.phase} data-state={state} data-detector={view.detector}>
      {/* Screen readers hear each state change once. */}
      <p className="sr-only" aria-live="polite" data-testid="call-announcer">
        {view.phase === 'live' || view.phase === 'ended' ? stateLabels[state] : view.phase === 'connecting' ? 'Connecting the call' : ''}
      </p>

      <div className={styles.stage} data-state={state}>
        <div className={styles.orb} data-state={state} aria-hidden="true">
          <Icon name={state === 'bot-speaking' ? 'headphones' : view.muted ? 'mic-off' : 'mic'} size={26} />
        </div>
        <p className={styles.status} data-testid="call-status">
          {before ? `Call ${title}` : view.phase === 'connecting' ? 'Connecting…' : view.phase === 'failed' ? 'Call failed' : stateLabels[state]}
          {view.muted && inCall ? <span className={styles.mutedTag}> · muted</span> : null}
        </p>
        {inCall ? (
          <div className={styles.waves}>
            <div className={styles.wave} data-side="caller">
              <span className={styles.waveLabel}>You</span>
              <Waveform analyser={call.input} label="input" colour="#4f46e5" />
            </div>
            <div className={styles.wave} data-side="bot">
              <span className={styles.waveLabel}>Parley</span>
              <Waveform analyser={call.output} label="output" colour="#0d9488" />
            </div>
          </div>
        ) : null}
      </div>

      {before ? (
        <div className={styles.setup}>
          <fieldset className={styles.modes}>
            <legend className={styles.modesLegend}>How do you want to talk?</legend>
            <label className={styles.mode}>
              <input type="radio" name={modeName} checked={mode === 'auto'} onChange={() => setMode('auto')} />
              <span>
                <strong>Hands-free</strong> — just speak; Parley hears when you start and stop
              </span>
            </label>
            <label className={styles.mode}>
              <input type="radio" name={modeName} checked={mode === 'push-to-talk'} onChange={() => setMode('push-to-talk')} />
              <span>
                <strong>Push to talk</strong> — hold Space (or the button) while you speak
              </span>
            </label>
          </fieldset>
          <div className={styles.setupActions}>
            <button ref={startButton} type="button" className="btn btn-primary" onClick={begin} disabled={starting} data-testid="call-start">
              <Icon name="phone" size={15} />
              {starting ? 'Starting…' : 'Start call'}
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {closeLabel}
            </button>
          </div>
          <p className={styles.hint}>Your browser will ask to use the microphone.</p>
        </div>
      ) : (
        <Captions captions={view.captions} partial={view.partial} />
      )}

      {view.error ? (
        <div className={styles.error} role="alert" data-testid="call-error" data-code={view.error.code}>
          <strong>{errorTitles[view.error.code]}</strong>
          <span>{view.error.message}</span>
        </div>
      ) : null}
      {view.detectorNote && inCall ? (
        <p className={styles.note} data-testid="call-detector-note">
          Voice detection uses a simple level meter: the speech model did not load ({view.detectorNote}).
        </p>
      ) : null}

      {inCall ? (
        <div ref={endButtonArea} className={styles.footer}>
          <CallControls
            muted={view.muted}
            pttHeld={view.pttHeld}
            disabled={view.phase !== 'live'}
            onMute={call.setMuted}
            onPtt={call.setPtt}
            onEnd={call.hangup}
          />
          <ShortcutLegend />
        </div>
      ) : null}

      {view.phase === 'ended' || view.phase === 'failed' ? (
        <div className={styles.footer} data-testid="call-over">
          <p className={styles.endedLine}>
            {view.phase === 'ended' ? `Call ended${view.endedStatus ? ` · ${view.endedStatus}` : ''}` : 'The call stopped.'}
            {conversationId && inInbox ? (
              <>
                {' · '}
                <Link href={`/inbox/${conversationId}`}>Open it in the inbox</Link>
              </>
            ) : null}
          </p>
          <div className={styles.setupActions}>
            <button type="button" className="btn btn-primary" onClick={begin} disabled={starting}>
              <Icon name="phone" size={15} />
              Call again
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {closeLabel}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
