import type { ServerMessage } from '@parley/voice/protocol';
import { describe, expect, it } from 'vitest';
import { callReducer, displayState, initialCallView, type CallEvent, type CallView } from './call-state';

const server = (message: ServerMessage): CallEvent => ({ type: 'server', message });
const play = (...events: CallEvent[]): CallView => events.reduce(callReducer, initialCallView);
const connect: CallEvent = { type: 'connect', mode: 'auto', opening: [{ id: 'm1', speaker: 'bot', text: 'Hi! What is your name?' }] };
const ready = server({ type: 'ready', conversationId: 'c1', stages: ['vad', 'stt'], ttsSampleRate: 16000 });
const quality = { levelDbfs: -20, snrBeforeDb: 20, snrAfterDb: 25, speechRatio: 0.6, clippingRatio: 0 };

describe('callReducer', () => {
  it('walks a turn: listening, caller speaking, thinking, bot speaking, listening again', () => {
    const states: string[] = [];
    let view = initialCallView;
    const step = (event: CallEvent) => {
      view = callReducer(view, event);
      states.push(displayState(view));
    };
    step(connect);
    step(ready);
    step({ type: 'local-speech', speaking: true });
    step(server({ type: 'partial', text: 'Grace' }));
    step({ type: 'local-speech', speaking: false });
    step(server({ type: 'final', text: 'Grace Hopper', confidence: 0.9, quality }));
    step(server({ type: 'state', state: 'thinking' }));
    step(server({ type: 'reply', messageId: 'm2', text: 'Thanks Grace Hopper.' }));
    step({ type: 'playback', playing: true });
    step({ type: 'playback', playing: false });
    step(server({ type: 'state', state: 'listening' }));
    expect(states).toEqual(['idle', 'listening', 'user-speaking', 'user-speaking', 'listening', 'listening', 'thinking', 'thinking', 'bot-speaking', 'thinking', 'listening']);
    expect(view.captions.map((c) => [c.speaker, c.text])).toEqual([
      ['bot', 'Hi! What is your name?'],
      ['caller', 'Grace Hopper'],
      ['bot', 'Thanks Grace Hopper.'],
    ]);
    expect(view.partial).toBeNull();
  });

  it('shows a partial until its final, and drops empty finals', () => {
    const view = play(connect, ready, server({ type: 'partial', text: 'my order' }));
    expect(view.partial).toBe('my order');
    const after = callReducer(view, server({ type: 'final', text: '  ', confidence: 0, quality }));
    expect(after.partial).toBeNull();
    expect(after.captions).toHaveLength(1);
  });

  it('does not caption a reply twice (the opening came with the start call)', () => {
    const view = play(connect, ready, server({ type: 'reply', messageId: 'm1', text: 'Hi! What is your name?' }));
    expect(view.captions).toHaveLength(1);
    const late = play(
      { type: 'connect', mode: 'auto', opening: [] },
      { type: 'opening', captions: [{ id: 'm9', speaker: 'bot', text: 'Welcome.' }] },
      ready,
      server({ type: 'reply', messageId: 'm9', text: 'Welcome.' }),
      server({ type: 'reply', messageId: 'm10', text: 'What is your name?' }),
    );
    expect(late.captions.map((c) => c.id)).toEqual(['m9', 'm10']);
  });

  it('mute wins over speaking and releases push-to-talk', () => {
    const speaking = play(connect, ready, { type: 'ptt', held: true });
    expect(displayState(speaking)).toBe('user-speaking');
    const muted = callReducer(speaking, { type: 'mute', muted: true });
    expect(muted.pttHeld).toBe(false);
    expect(displayState(callReducer(muted, { type: 'local-speech', speaking: true }))).toBe('listening');
    expect(callReducer(muted, { type: 'ptt', held: true }).pttHeld).toBe(false);
  });

  it('server barge-in stops the bot-speaking state at once', () => {
    const view = play(connect, ready, { type: 'playback', playing: true }, server({ type: 'barge-in', messageId: 'm2' }));
    expect(displayState(view)).toBe('listening');
  });

  it('ends on `ended`, fails on fatal gateway errors, keeps going on others', () => {
    expect(play(connect, ready, server({ type: 'ended', status: 'resolved' }))).toMatchObject({ phase: 'ended', endedStatus: 'resolved' });
    expect(play(connect, ready, server({ type: 'error', code: 'not-found', message: 'no such call' })).phase).toBe('failed');
    const provider = play(connect, ready, server({ type: 'error', code: 'speech-provider', message: 'engine crashed' }));
    expect(provider).toMatchObject({ phase: 'live', error: { code: 'speech-provider' } });
  });

  it('a dropped socket after the end is not an error; before it, it is', () => {
    const ended = play(connect, ready, { type: 'hangup' });
    expect(callReducer(ended, { type: 'fail', code: 'connection-lost', message: 'closed' }).error).toBeNull();
    expect(play(connect, { type: 'fail', code: 'gateway-unreachable', message: 'down' })).toMatchObject({ phase: 'failed', error: { code: 'gateway-unreachable' } });
  });

  it('keeps the gateway\'s fatal error when its socket closes afterwards', () => {
    const view = play(connect, ready, server({ type: 'error', code: 'conversation-ended', message: 'the conversation is resolved' }), {
      type: 'fail',
      code: 'connection-lost',
      message: 'closed (4409)',
    });
    expect(view.error).toEqual({ code: 'conversation-ended', message: 'the conversation is resolved' });
  });

  it('a listener that joins mid-call goes live on the first state', () => {
    expect(displayState(play(connect, server({ type: 'state', state: 'thinking' })))).toBe('thinking');
  });

  it('notes the fallback detector with its reason', () => {
    expect(play(connect, { type: 'detector', detector: 'energy', reason: 'no wasm' }).detectorNote).toBe('no wasm');
    expect(play(connect, { type: 'detector', detector: 'silero' }).detectorNote).toBeNull();
  });
});
