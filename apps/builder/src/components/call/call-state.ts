import type { CallState, ServerMessage, VoiceErrorCode } from '@parley/voice/protocol';
import type { ClientErrorCode } from '@parley/ui/call';

/**
 * The state of one call as the UI shows it, and the pure reducer that moves it: gateway messages
 * (`ServerMessage`) and what the browser itself observes (its VAD heard the caller, playback
 * started or drained, a key was pressed). The hook (useVoiceCall) owns sockets and audio; all
 * decisions about what the caller sees are made here.
 */

/** Where the call is: before the socket opens, live, or over. */
export type CallPhase = 'idle' | 'connecting' | 'live' | 'ended' | 'failed';

/** Problems the browser finds by itself, next to the gateway's `VoiceErrorCode`s. */

export type { ClientErrorCode };
export type CallErrorCode = ClientErrorCode | VoiceErrorCode;

export interface Caption {
  id: string;
  speaker: 'caller' | 'bot';
  text: string;
}

export type DetectorKind = 'loading' | 'silero' | 'energy';

export interface CallView {
  phase: CallPhase;
  /** What the gateway last said. */
  serverState: CallState;
  /** The local VAD hears the caller. */
  localSpeaking: boolean;
  /** Text-to-speech audio is playing here. */
  playing: boolean;
  muted: boolean;
  pttHeld: boolean;
  mode: 'auto' | 'push-to-talk';
  captions: Caption[];
  /** The caller's words so far in this turn (greyed until final). */
  partial: string | null;
  error: { code: CallErrorCode; message: string } | null;
  endedStatus: string | null;
  detector: DetectorKind;
  /** Why the fallback detector runs (the Silero model did not load). */
  detectorNote: string | null;
  stages: string[];
}

export type CallEvent =
  | { type: 'connect'; mode: 'auto' | 'push-to-talk'; opening: Caption[] }
  /** The bot's opening messages, as the conversation started (the gateway may send them again). */
  | { type: 'opening'; captions: Caption[] }
  | { type: 'server'; message: ServerMessage }
  | { type: 'local-speech'; speaking: boolean }
  | { type: 'playback'; playing: boolean }
  | { type: 'mute'; muted: boolean }
  | { type: 'ptt'; held: boolean }
  | { type: 'detector'; detector: DetectorKind; reason?: string }
  | { type: 'fail'; code: CallErrorCode; message: string }
  | { type: 'hangup' };

export const initialCallView: CallView = {
  phase: 'idle',
  serverState: 'idle',
  localSpeaking: false,
  playing: false,
  muted: false,
  pttHeld: false,
  mode: 'auto',
  captions: [],
  partial: null,
  error: null,
  endedStatus: null,
  detector: 'loading',
  detectorNote: null,
  stages: [],
};

/** Gateway errors after which the call cannot go on. */
const fatalServerErrors = new Set<VoiceErrorCode>(['not-found', 'conversation-ended', 'overloaded']);

function addCaption(captions: Caption[], caption: Caption): Caption[] {
  return captions.some((c) => c.id === caption.id) ? captions : [...captions, caption];
}

type Handlers = { [K in ServerMessage['type']]: (view: CallView, message: Extract<ServerMessage, { type: K }>) => CallView };

const onServer = {
  ready: (view, m) => ({ ...view, phase: 'live', serverState: 'listening', stages: m.stages }),
  // A listener joins a call under way (no `ready`): its first state says the call is live.
  state: (view, m) => ({ ...view, phase: view.phase === 'connecting' ? 'live' : view.phase, serverState: m.state }),
  partial: (view, m) => ({ ...view, partial: m.text.trim() ? m.text : null }),
  final: (view, m) => ({
    ...view,
    partial: null,
    captions: m.text.trim()
      ? addCaption(view.captions, { id: `caller-${view.captions.length}-${m.text}`, speaker: 'caller', text: m.text })
      : view.captions,
  }),
  reply: (view, m) => ({ ...view, captions: addCaption(view.captions, { id: m.messageId, speaker: 'bot', text: m.text }) }),
  // Audio itself is the hook's business; the `playback` events say when it is audible.
  'tts-start': (view) => view,
  'tts-end': (view) => view,
  'barge-in': (view) => ({ ...view, playing: false }),
  metrics: (view) => view,
  error: (view, m) => ({
    ...view,
    error: { code: m.code, message: m.message },
    phase: fatalServerErrors.has(m.code) ? 'failed' : view.phase,
  }),
  ended: (view, m) => ({ ...view, phase: 'ended', serverState: 'ended', endedStatus: m.status, playing: false, localSpeaking: false }),
} satisfies Handlers;

export function callReducer(view: CallView, event: CallEvent): CallView {
  switch (event.type) {
    case 'connect':
      return { ...initialCallView, phase: 'connecting', mode: event.mode, captions: event.opening };
    case 'opening':
      return { ...view, captions: event.captions.reduce(addCaption, view.captions) };
    case 'server': {
      if (view.phase === 'ended' || view.phase === 'failed') return view;
      const handler = onServer[event.message.type] as (view: CallView, message: ServerMessage) => CallView;
      return handler(view, event.message);
    }
    case 'local-speech':
      return { ...view, localSpeaking: event.speaking };
    case 'playback':
      return { ...view, playing: event.playing };
    case 'mute':
      return { ...view, muted: event.muted, pttHeld: event.muted ? false : view.pttHeld };
    case 'ptt':
      return { ...view, pttHeld: event.held && !view.muted };
    case 'detector':
      return { ...view, detector: event.detector, detectorNote: event.detector === 'energy' ? (event.reason ?? 'unknown reason') : null };
    case 'fail':
      // A lost connection after the call ended is no news, and after a fatal gateway error (which
      // closes the socket) the gateway's own words explain it better than the close does.
      if (view.phase === 'ended') return view;
      return {
        ...view,
        phase: 'failed',
        error: view.phase === 'failed' && view.error ? view.error : { code: event.code, message: event.message },
        playing: false,
        localSpeaking: false,
      };
    case 'hangup':
      return { ...view, phase: 'ended', serverState: 'ended', playing: false, localSpeaking: false, pttHeld: false };
  }
}

/**
 * The one state the caller sees. Local observations win over the gateway's (which lag by a
 * network round trip): the caller's own voice, then audible playback.
 */
export function displayState(view: CallView): CallState {
  if (view.phase === 'ended' || view.phase === 'failed') return 'ended';
  if (view.phase !== 'live') return 'idle';
  if ((view.localSpeaking || view.pttHeld) && !view.muted) return 'user-speaking';
  if (view.playing) return 'bot-speaking';
  return view.serverState;
}

/** What the status line says and screen readers hear on each change. */
export const stateLabels = {
  idle: 'Connecting…',
  listening: 'Listening',
  'user-speaking': 'You are speaking',
  thinking: 'Thinking…',
  'bot-speaking': 'Parley is speaking',
  ended: 'Call ended',
} satisfies Record<CallState, string>;

/** Readable sentences for every error, whoever found it. */
export const errorTitles = {
  'microphone-denied': 'Microphone access was denied',
  'microphone-missing': 'No microphone was found',
  unsupported: 'This browser cannot make calls',
  'gateway-unreachable': 'The voice service is unreachable',
  'connection-lost': 'The call was disconnected',
  'start-failed': 'The call could not start',
  'bad-message': 'The voice service rejected a message',
  'bad-audio': 'The voice service could not use the audio',
  'not-found': 'This conversation was not found',
  'conversation-ended': 'This conversation has already ended',
  'speech-provider': 'The speech engine failed',
  overloaded: 'The voice service is busy',
  internal: 'The voice service had an internal error',
  unauthorized: 'Your access to this call has expired',
  forbidden: 'You may not join this call',
} satisfies Record<CallErrorCode, string>;
