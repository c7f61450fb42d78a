import { describe, expect, it } from 'vitest';
import { highestSeq, localEcho, mergeMessages, type ChatMessage, type ServerMessage } from './chat-messages';

const at = '2026-01-01T10:00:00.000Z';
const server = (seq: number, author: string, text: string): ServerMessage => ({ id: `c-${seq}`, seq, author, text, createdAt: at });

describe('web chat message list', () => {
  it('adds each server message once, by id or seq, and never internal notes', () => {
    let list: ChatMessage[] = mergeMessages([], [server(1, 'bot', 'Hi'), server(2, 'bot', 'Name?')]);
    list = mergeMessages(list, [server(2, 'bot', 'Name?'), server(3, 'system', 'Handed off'), server(4, 'agent', 'Hello')]);
    expect(list.map((m) => [m.seq, m.author, m.text])).toEqual([
      [1, 'bot', 'Hi'],
      [2, 'bot', 'Name?'],
      [4, 'agent', 'Hello'],
    ]);
    expect(highestSeq(list)).toBe(4);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const list = mergeMessages([], [server(1, 'bot', 'Hi')]);
    expect(mergeMessages(list, [server(1, 'bot', 'Hi')])).toBe(list);
  });

  it('replaces a local echo by the stored customer message instead of showing it twice', () => {
    let list = mergeMessages([], [server(1, 'bot', 'Name?')]);
    list = [...list, localEcho(list, 'local-1', 'Ada', at)];
    // An agent wrote while the customer's message was on its way: shown after the echo for now...
    list = mergeMessages(list, [server(2, 'agent', 'Hi there')]);
    expect(list.map((m) => m.text)).toEqual(['Name?', 'Ada', 'Hi there']);
    // ...and once the server numbers the customer's message, the true order shows.
    list = mergeMessages(list, [server(2, 'agent', 'Hi there'), server(3, 'contact', 'Ada')]);
    expect(list.map((m) => [m.id, m.seq, m.text])).toEqual([
      ['c-1', 1, 'Name?'],
      ['c-2', 2, 'Hi there'],
      ['c-3', 3, 'Ada'],
    ]);
  });

  it('keeps a customer message written elsewhere (no matching echo)', () => {
    const list = mergeMessages([], [server(1, 'contact', 'From another tab')]);
    expect(list.map((m) => m.author)).toEqual(['contact']);
  });
});
