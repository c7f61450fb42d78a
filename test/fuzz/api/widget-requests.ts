/** The embeddable widget's family. */
import fc from "fast-check";
import { hostileJson, hostileString } from "../hostile";
import type { RawRequest } from "../raw-http";
import { asHeaderValue, percentJunk } from "./requests";
import { targets, WIDGET_CHANNEL } from "./targets";

/** The widget's routes: any method, hostile channel and conversation ids, origins, tokens and bodies. */
export const widgetRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    method: fc.constantFrom("GET", "POST", "PUT", "OPTIONS", "DELETE", "HEAD"),
    channel: fc.oneof(fc.constant(WIDGET_CHANNEL), fc.constant("no-such-widget-1"), percentJunk, fc.stringMatching(/^[A-Za-z0-9._~-]{0,70}$/)),
    conversation: fc.oneof(fc.constant(null), fc.constant("known"), percentJunk, fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/)),
    tail: fc.constantFrom(
      ...["", "/conversations", "/resume", "/messages", "/messages?after=0", "/messages?after=-1", "/messages?after=1e999", "/messages?after=%zz", "/stream", "/stream?after=-1", "/stream?after=%zz", "/x/y"],
      ...["/attachments", "/attachments?name=a.txt&clientMessageId=fuzz-1", "/attachments?name=%zz&clientMessageId=x", "/attachments?name=..%2F..%2Fetc&clientMessageId=../x", "/attachments/nope", "/attachments/%zz", "/resume/x"],
    ),
    origin: fc.option(fc.constantFrom("https://shop.example", "null", "*", "https://shop.example/path", "http://[::1]:99999"), { nil: undefined }),
    token: fc.option(fc.oneof(fc.constant("valid"), hostileString, fc.string()), { nil: undefined }),
    body: fc.option(fc.oneof(hostileJson.map((value) => JSON.stringify(value) ?? ""), fc.constantFrom("{not json", "", '{"text":"hi"}', '{"text":"hi","clientMessageId":"../x"}', '{"contact":{"email":"x","name":"\u0000"}}', "[]", "null")), {
      nil: undefined,
    }),
  })
  .map(({ method, channel, conversation, tail, origin, token, body }) => {
    const id = conversation === "known" ? targets.widget.conversationId : conversation;
    const path = `/widget/v1/channels/${channel}${id === null ? tail : `/conversations/${id}${tail}`}`;
    const headers: Record<string, string> = { ...(body !== undefined ? { "content-type": "application/json" } : {}) };
    if (origin !== undefined) headers.origin = origin;
    if (token !== undefined) headers["x-parley-conversation-token"] = token === "valid" ? targets.widget.token : asHeaderValue(token);
    return { method, path, headers, ...(body !== undefined && method !== "GET" && method !== "HEAD" ? { body } : {}) };
  });
