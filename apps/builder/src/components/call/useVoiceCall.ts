'use client';

import type { ClientMessage, ServerMessage } from '@parley/voice/protocol';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { callReducer, initialCallView, type Caption, type CallView } from './call-state';
import { CaptureError, openAudioGraph, parseServerMessage, SendGate, TtsPlayer, voiceSocketUrl, type AudioGraph } from '@parley/ui/call';
import { startSpeechDetector, type SpeechDetector } from './speech-detector';

/** The wire rate of the capture worklet (public/voice/pcm-capture.worklet.js). */
const WIRE_RATE = 16000;
/** Served by the builder (public/voice), loaded by URL as worklets must be. */
const WORKLET_URL = '/voice/pcm-capture.worklet.js';

interface Live {
  socket: WebSocket;
  graph: AudioGraph;
  player: TtsPlayer;
  gate: SendGate;
  detector: SpeechDetector | null;
}

export interface VoiceCall {
  view: CallView;
  /** Analysers for the waveforms (null outside a call). */
  input: AnalyserNode | null;
  output: AnalyserNode | null;
  /**
   * Opens the microphone first (so a refused microphone leaves no conversation behind), then
   * `openConversation` (which starts the voice conversation), then the gateway socket.
   */
  start(mode: 'auto' | 'push-to-talk', openConversation: () => Promise<{ conversationId: string; token: string; opening: Caption[] }>): Promise<void>;
  hangup(): void;
  setMuted(muted: boolean): void;
  setPtt(held: boolean): void;
}

/**
 * One call: the WebSocket to the voice gateway and the audio graph around it. Microphone frames
 * pass the send gate (mute, push-to-talk, VAD with pre-roll); text-to-speech chunks go to the
 * player; the local VAD stops playback the instant the caller speaks (barge-in) and tells the
 * gateway. Everything the UI shows comes out of `callReducer`.
 */
export function useVoiceCall(apiUrl: string): VoiceCall {
  const [view, dispatch] = useReducer(callReducer, initialCallView);
  const live = useRef<Live | null>(null);
  /** Bumped by every start and teardown: a start that awaited past a newer one gives up. */
  const generation = useRef(0);
  const viewRef = useRef(view);
  const [analysers, setAnalysers] = useState<{ input: AnalyserNode; output: AnalyserNode } | null>(null);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  const send = useCallback((message: ClientMessage) => {
    const socket = live.current?.socket;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }, []);

  const teardown = useCallback(() => {
    generation.current++;
    const current = live.current;
    live.current = null;
    setAnalysers(null);
    if (!current) return;
    current.detector?.destroy();
    current.player.flush();
    current.socket.onclose = null;
    current.socket.onerror = null;
    current.socket.onmessage = null;
    if (current.socket.readyState <= WebSocket.OPEN) current.socket.close(1000, 'hangup');
    void current.graph.close();
  }, []);

  useEffect(() => teardown, [teardown]);

  const start = useCallback<VoiceCall['start']>(
    async (mode, openConversation) => {
      teardown();
      const mine = generation.current;
      dispatch({ type: 'connect', mode, opening: [] });
      let graph: AudioGraph;
      try {
        graph = await openAudioGraph((frame) => {
          const current = live.current;
          if (!current) return;
          const v = viewRef.current;
          const out = current.gate.push(frame, {
            mode: v.mode,
            muted: v.muted,
            pttHeld: v.pttHeld,
            speaking: v.localSpeaking,
            detectorReady: current.detector !== null,
          });
          if (current.socket.readyState === WebSocket.OPEN) for (const f of out) current.socket.send(f);
        }, WORKLET_URL);
      } catch (error) {
        const code = error instanceof CaptureError ? error.code : 'start-failed';
        if (mine === generation.current) dispatch({ type: 'fail', code, message: error instanceof Error ? error.message : String(error) });
        return;
      }
      let conversationId: string;
      let token: string;
      try {
        if (mine !== generation.current) throw new Error('superseded');
        const opened = await openConversation();
        if (mine !== generation.current) throw new Error('superseded');
        conversationId = opened.conversationId;
        token = opened.token;
        dispatch({ type: 'opening', captions: opened.opening });
      } catch (error) {
        void graph.close();
        if (mine === generation.current) dispatch({ type: 'fail', code: 'start-failed', message: error instanceof Error ? error.message : String(error) });
        return;
      }

      const socket = new WebSocket(voiceSocketUrl(apiUrl, conversationId, { token }));
      socket.binaryType = 'arraybuffer';
      const player = new TtsPlayer(graph.context, graph.output, (playing) => dispatch({ type: 'playback', playing }));
      const current: Live = { socket, graph, player, gate: new SendGate(), detector: null };
      live.current = current;
      setAnalysers({ input: graph.input, output: graph.output });
      let opened = false;

      socket.onopen = () => {
        opened = true;
        send({
          type: 'hello',
          capabilities: {
            sampleRate: WIRE_RATE,
            noiseSuppressedByBrowser: graph.noiseSuppressed,
            cpuBudget: (navigator.hardwareConcurrency ?? 4) <= 2 ? 'low' : 'normal',
          },
          mode,
        });
      };
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') {
          player.enqueue(event.data);
          return;
        }
        const message = parseServerMessage<ServerMessage>(event.data);
        if (!message) return;
        if (message.type === 'tts-start') player.begin(message.sampleRate);
        else if (message.type === 'tts-end') player.end();
        else if (message.type === 'barge-in') player.flush();
        dispatch({ type: 'server', message });
        if (message.type === 'ended') teardown();
      };
      socket.onerror = () => undefined; // onclose follows with the facts
      socket.onclose = (event) => {
        dispatch(
          opened
            ? { type: 'fail', code: 'connection-lost', message: `The connection to the voice service closed (${event.code}${event.reason ? `: ${event.reason}` : ''}).` }
            : { type: 'fail', code: 'gateway-unreachable', message: 'Check that the Parley API is running and reachable from this browser, then try again.' },
        );
        teardown();
      };

      // The VAD loads while the socket connects; until it runs the gate sends everything.
      const detector = await startSpeechDetector(graph, {
        onSpeechStart: () => {
          const v = viewRef.current;
          if (v.muted) return;
          dispatch({ type: 'local-speech', speaking: true });
          // Barge-in: silence the bot the moment the caller speaks, then tell the gateway.
          if (live.current?.player.active) {
            live.current.player.flush();
            send({ type: 'barge-in' });
          }
        },
        onSpeechEnd: () => dispatch({ type: 'local-speech', speaking: false }),
      });
      if (live.current !== current) return detector.destroy();
      current.detector = detector;
      dispatch({ type: 'detector', detector: detector.kind, reason: detector.reason });
    },
    [apiUrl, send, teardown],
  );

  const hangup = useCallback(() => {
    send({ type: 'hangup' });
    dispatch({ type: 'hangup' });
    teardown();
  }, [send, teardown]);

  const setMuted = useCallback(
    (muted: boolean) => {
      dispatch({ type: 'mute', muted });
      send({ type: 'mute', muted });
    },
    [send],
  );

  const setPtt = useCallback(
    (held: boolean) => {
      const v = viewRef.current;
      if (v.muted || v.pttHeld === held) return;
      dispatch({ type: 'ptt', held });
      // In hands-free mode holding the key only opens the line (the send gate); the gateway's own
      // VAD finds the turn, and `ptt` is a push-to-talk message it refuses there.
      if (v.mode === 'push-to-talk') send({ type: 'ptt', pressed: held });
      if (held && live.current?.player.active) {
        live.current.player.flush();
        send({ type: 'barge-in' });
      }
    },
    [send],
  );

  return {
    view,
    input: analysers?.input ?? null,
    output: analysers?.output ?? null,
    start,
    hangup,
    setMuted,
    setPtt,
  };
}
