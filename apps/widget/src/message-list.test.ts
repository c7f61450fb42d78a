import { describe, expect, it } from "vitest";
import type { WidgetMessage } from "./api";
import { LOCAL_PREFIX, MessageList } from "./message-list";

const bot = (seq: number, text = `reply ${seq}`): WidgetMessage => ({ id: `m${seq}`, seq, author: "bot", text });

describe("MessageList", () => {
  it("keys recorded messages by id: a message that arrives again replaces itself, in seq order", () => {
    const list = new MessageList();
    list.put(bot(2));
    list.put(bot(1));
    list.put(bot(2, "reply 2, again"));
    expect(list.sorted().map((message) => message.text)).toEqual(["reply 1", "reply 2, again"]);
    expect(list.lastSeq()).toBe(2);
  });

  it("shows a message on its way last, under a local id that never counts as seen", () => {
    const list = new MessageList();
    list.put(bot(1));
    const localId = list.showPending("abc", { text: "hello" });
    list.put(bot(2));
    expect(localId).toBe(`${LOCAL_PREFIX}abc`);
    expect(list.sorted().map((message) => message.id)).toEqual(["m1", "m2", localId]);
    expect(list.lastSeq()).toBe(2);
    list.remove(localId);
    expect(list.sorted().map((message) => message.id)).toEqual(["m1", "m2"]);
  });

  it("keeps the customer's files when a copy of their message read without them arrives", () => {
    const list = new MessageList();
    const file = { id: "f1", fileName: "photo.png", contentType: "image/png", bytes: 10 };
    list.put({ id: "m3", seq: 3, author: "contact", text: "[sent photo.png]", attachments: [file] });
    list.put({ id: "m3", seq: 3, author: "contact", text: "[sent photo.png]" });
    expect(list.sorted()[0]?.attachments).toEqual([file]);
  });

  it("empties for a new conversation", () => {
    const list = new MessageList();
    list.put(bot(4));
    list.clear();
    expect(list.sorted()).toEqual([]);
    expect(list.lastSeq()).toBe(0);
  });
});
