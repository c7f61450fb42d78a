import { describe, expect, it } from 'vitest';
import { forgetChat, readChat, writeChat } from './chat-session';

/** An in-memory Storage, as the browser's localStorage behaves. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (name) => items.get(name) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (name) => void items.delete(name),
    setItem: (name, value) => void items.set(name, String(value)),
  };
}

describe('the web chat remembers its conversation per flow', () => {
  it('reads back what it wrote, for that flow only', () => {
    const storage = memoryStorage();
    writeChat(storage, 'flow-a', { conversationId: 'c1', token: 't1' });
    expect(readChat(storage, 'flow-a')).toEqual({ conversationId: 'c1', token: 't1' });
    expect(readChat(storage, 'flow-b')).toBeNull();
  });

  it('forgets on request', () => {
    const storage = memoryStorage();
    writeChat(storage, 'flow-a', { conversationId: 'c1', token: 't1' });
    forgetChat(storage, 'flow-a');
    expect(readChat(storage, 'flow-a')).toBeNull();
  });

  it('ignores damaged entries and missing storage instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem('parley.chat.flow-a', '{not json');
    expect(readChat(storage, 'flow-a')).toBeNull();
    storage.setItem('parley.chat.flow-a', JSON.stringify({ conversationId: 'c1' }));
    expect(readChat(storage, 'flow-a')).toBeNull();
    expect(readChat(undefined, 'flow-a')).toBeNull();
    expect(() => writeChat(undefined, 'flow-a', { conversationId: 'c', token: 't' })).not.toThrow();
  });

  it('keeps working when storage refuses writes (quota, private mode)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => writeChat(storage, 'flow-a', { conversationId: 'c', token: 't' })).not.toThrow();
  });
});
