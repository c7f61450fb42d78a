import { describe, expect, it } from 'vitest';
import {
  acceptEcho,
  highestSeq,
  localEcho,
  mergeMessages,
  quickReplyOffer,
  type ChatMessage,
  type ServerMessage,
} from './chat-messages';
import type { MessageMeta } from './message-meta';

const at = '2026-01-01T10:00:00.000Z';
const server = (seq: number, author: string, text: string, meta?: MessageMeta | null): ServerMessage => ({
  id: `c-${seq}`,
  seq,
  author,
  text,
  createdAt: at,
  ...(meta !== undefined ? { meta } : {}),
});


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

  it("keeps the name of the teammate who wrote an agent message", () => {
    const list = mergeMessages([], [{ ...server(1, 'agent', 'Hello'), authorName: 'Nia Newagent' }, { ...server(2, 'bot', 'Hi'), authorName: null }]);
    expect(list.map((m) => m.authorName)).toEqual(['Nia Newagent', undefined]);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const list = mergeMessages([], [server(1, 'bot', 'Hi')]);
    expect(mergeMessages(list, [server(1, 'bot', 'Hi')])).toBe(list);
  });

  it('keeps the meta of bot messages (quick replies, attachment), not an empty or null one', () => {
    const list = mergeMessages(
      [],
      [
        server(1, 'bot', 'Hi', { quickReplies: ['Billing', 'Other'], mediaUrl: 'https://example.com/a.png' }),
        server(2, 'bot', 'Plain', null),
        server(3, 'bot', 'Empty', {}),
      ],
    );
    expect(list.map((m) => m.meta)).toEqual([
      { quickReplies: ['Billing', 'Other'], mediaUrl: 'https://example.com/a.png' },
      undefined,
      undefined,
    ]);
  });

  it('numbers the echo exactly with the message `send` accepted; the poll then finds it by id', () => {
    let list = mergeMessages([], [server(1, 'bot', 'Name?')]);
    const sent = localEcho(list, 'local-1', 'Ada', at);
    list = [...list, sent];
    list = acceptEcho(list, sent, { id: 'c-2', seq: 2 });
    expect(list.map((m) => [m.id, m.seq, m.order, m.text])).toEqual([
      ['c-1', 1, 1, 'Name?'],
      ['c-2', 2, 2, 'Ada'],
    ]);
    // The stored copy comes back from a poll, even with different text (the server trims): once.
    const polled = mergeMessages(list, [server(2, 'contact', 'Ada '), server(3, 'agent', 'Hi Ada')]);
    expect(polled.map((m) => [m.id, m.text])).toEqual([
      ['c-1', 'Name?'],
      ['c-2', 'Ada'],
      ['c-3', 'Hi Ada'],
    ]);
  });

  it('tells two messages of the same text apart by the accepted id', () => {
    let list = mergeMessages([], [server(1, 'bot', 'Ready?')]);
    const first = localEcho(list, 'local-1', 'yes', at);
    list = [...list, first];
    const second = localEcho(list, 'local-2', 'yes', at);
    list = [...list, second];
    // The second send answers first.
    list = acceptEcho(list, second, { id: 'c-3', seq: 3 });
    list = acceptEcho(list, first, { id: 'c-2', seq: 2 });
    expect(list.map((m) => [m.id, m.seq])).toEqual([
      ['c-1', 1],
      ['c-2', 2],
      ['c-3', 3],
    ]);
    expect(mergeMessages(list, [server(2, 'contact', 'yes'), server(3, 'contact', 'yes')])).toBe(list);
  });

  it('drops the echo when a poll brought the stored copy before `send` answered (text fallback)', () => {
    let list = mergeMessages([], [server(1, 'bot', 'Name?')]);
    const sent = localEcho(list, 'local-1', 'Ada', at);
    list = [...list, sent];
    // An agent wrote while the customer's message was on its way: shown after the echo for now...
    list = mergeMessages(list, [server(2, 'agent', 'Hi there')]);
    expect(list.map((m) => m.text)).toEqual(['Name?', 'Ada', 'Hi there']);
    // ...and once a poll brings the numbered customer message, the true order shows.
    list = mergeMessages(list, [server(2, 'agent', 'Hi there'), server(3, 'contact', 'Ada')]);
    expect(list.map((m) => [m.id, m.seq, m.text])).toEqual([
      ['c-1', 1, 'Name?'],
      ['c-2', 2, 'Hi there'],
      ['c-3', 3, 'Ada'],
    ]);
    // `send` answers afterwards: nothing changes, nothing doubles.
    expect(acceptEcho(list, sent, { id: 'c-3', seq: 3 })).toBe(list);
  });

  it('adds the accepted message back when a same-text message from elsewhere took its echo', () => {
    let list = mergeMessages([], [server(1, 'bot', 'Ready?')]);
    const sent = localEcho(list, 'local-1', 'yes', at);
    list = [...list, sent];
    list = mergeMessages(list, [server(2, 'contact', 'yes')]); // written in another tab
    list = acceptEcho(list, sent, { id: 'c-3', seq: 3 });
    expect(list.map((m) => [m.id, m.text])).toEqual([
      ['c-1', 'Ready?'],
      ['c-2', 'yes'],
      ['c-3', 'yes'],
    ]);
  });

  it('keeps a customer message written elsewhere (no matching echo)', () => {
    const list = mergeMessages([], [server(1, 'contact', 'From another tab')]);
    expect(list.map((m) => m.author)).toEqual(['contact']);
  });
});

describe('quick replies on offer', () => {
  const greeting = server(1, 'bot', 'Hi!', { quickReplies: ['Billing question', 'Technical problem'] });

  it("offers the newest bot message's quick replies, even when a question without buttons follows", () => {
    const list = mergeMessages([], [greeting, server(2, 'bot', 'What can we help you with?')]);
    expect(quickReplyOffer(list)).toEqual({ messageId: 'c-1', options: ['Billing question', 'Technical problem'] });
  });

  it('offers nothing once the customer answered (the echo counts) or an agent wrote', () => {
    const list = mergeMessages([], [greeting]);
    expect(quickReplyOffer([...list, localEcho(list, 'local-1', 'Billing question', at)])).toBeNull();
    expect(quickReplyOffer(mergeMessages(list, [server(2, 'agent', 'Hello, Sam here')]))).toBeNull();
    // A message that could not be sent does not close the offer: the customer can pick again.
    expect(quickReplyOffer([...list, { ...localEcho(list, 'local-1', 'Billing question', at), failed: true }])).toEqual({
      messageId: 'c-1',
      options: ['Billing question', 'Technical problem'],
    });
  });

  it('offers only the newest set, cleaned of blanks and duplicates', () => {
    const list = mergeMessages(
      [],
      [greeting, server(2, 'contact', 'Billing question'), server(3, 'bot', 'Rate us', { quickReplies: ['1', '2', ' 2 ', '', '3'] })],
    );
    expect(quickReplyOffer(list)).toEqual({ messageId: 'c-3', options: ['1', '2', '3'] });
    expect(quickReplyOffer(mergeMessages([], [server(1, 'bot', 'No buttons')]))).toBeNull();
    expect(quickReplyOffer([])).toBeNull();
  });
});
