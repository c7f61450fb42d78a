'use client';

import { useEffect, useReducer, useRef, useState } from 'react';
import { Icon } from '@parley/ui';
import { Captions } from '@/components/call/Captions';
import { callReducer, displayState, errorTitles, initialCallView, stateLabels } from '@/components/call/call-state';
import callStyles from '@/components/call/call.module.css';
import { parseServerMessage, pcm16LevelDbfs, voiceSocketUrl } from '@parley/ui/call';
import type { ServerMessage } from '@parley/voice/protocol';
import { useApiUrl } from '@/lib/api-url';

/** Reconnect after a dropped listen socket, while the call may still be going. */
const RETRY_MS = 3000;

/** −60 dBFS (silence) … 0 dBFS → 0 … 100 for the meter. */
function meterPercent(dbfs: number): number {
  return Math.round(Math.max(0, Math.min(1, (dbfs + 60) / 60)) * 100);
}

/**
 * An agent listening in on a live voice call from the inbox: `/voice/calls/:id/listen` streams
 * the call's state, the caller's partial and final words and the bot's replies (the same
 * messages the caller's browser gets). When the gateway forwards audio frames too, a level meter
 * shows the line is live; otherwise the view says it is text only.
 */
export function ListenIn({ conversationId }: { conversationId: string }) {
  const apiUrl = useApiUrl();
  const [view, dispatch] = useReducer(callReducer, initialCallView);
  const [connected, setConnected] = useState(false);
  const [level, setLevel] = useState<number | null>(null);
  const lastLevelAt = useRef(0);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    dispatch({ type: 'connect', mode: 'auto', opening: [] });
    const open = () => {
      socket = new WebSocket(voiceSocketUrl(apiUrl, conversationId, { listen: true }));
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => setConnected(true);
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') {
          // Audio, if forwarded: a meter updated ~10 times a second is enough to see the line.
          const now = performance.now();
          if (now - lastLevelAt.current > 100) {
            lastLevelAt.current = now;
            setLevel(meterPercent(pcm16LevelDbfs(event.data)));
          }
          return;
        }
        const message = parseServerMessage<ServerMessage>(event.data);
        if (!message) return;
        dispatch({ type: 'server', message });
      };
      socket.onclose = () => {
        setConnected(false);
        if (!stopped) retry = setTimeout(open, RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      if (socket) {
        socket.onclose = null;
        socket.close(1000, 'listener left');
      }
    };
  }, [apiUrl, conversationId]);

  const state = view.phase === 'live' || view.phase === 'ended' ? displayState(view) : null;

  return (
    <section className={callStyles.listen} aria-label="Listen in on the call" data-testid="listen-in" data-state={state ?? 'waiting'}>
      <div className={callStyles.listenHeader}>
        <span className={callStyles.listenOrb} data-state={state ?? 'idle'} aria-hidden="true">
          <Icon name="headphones" size={14} />
        </span>
        <p className={callStyles.listenStatus} aria-live="polite" data-testid="listen-state">
          {view.phase === 'ended'
            ? `Call ended${view.endedStatus ? ` · ${view.endedStatus}` : ''}`
            : state
              ? `Live call · ${stateLabels[state]}`
              : connected
                ? 'Listening in · waiting for the call'
                : 'Connecting to the call…'}
        </p>
        {level !== null ? (
          <span className={callStyles.meter} role="meter" aria-label="Line level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
            <span style={{ width: `${level}%` }} />
          </span>
        ) : (
          <span className={callStyles.listenNote}>Text only: captions, no audio</span>
        )}
      </div>
      {view.error ? (
        <p className={callStyles.error} role="alert">
          <strong>{errorTitles[view.error.code]}</strong> {view.error.message}
        </p>
      ) : null}
      <Captions captions={view.captions} partial={view.partial} callerLabel="Caller" label="Live call captions" agentView />
    </section>
  );
}
