// The live feed's reader over a real database: rows handed on strictly in id order, a missing id
// (a PostgreSQL transaction that took an id and commits later) holding back the ones after it,
// and catch-up from an id. Rows are written here with chosen ids, as a late commit would leave them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANGE_RETAIN_MS, CHANGE_UNREAD_RETAIN_MS, ChangeFeed, pruneChangeEvents, type LiveEvent } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const row = (id: number) => ({ id, workspaceId: database.seed.workspaceId, kind: "message", conversationId: `c-${id}` });

describe("the change feed", () => {
  it("passes rows on in id order and holds those behind a missing id until it commits", async () => {
    const feed = new ChangeFeed(database.db, 60_000);
    const start = await feed.position();
    const received: LiveEvent[][] = [];
    const stop = feed.listen((batch) => received.push(batch), () => {});

    await database.db.changeEvent.createMany({ data: [row(start + 1), row(start + 3)] });
    await feed.poll();
    expect(received.flat().map((event) => event.id)).toEqual([start + 1]);
    expect(await feed.position()).toBe(start + 1);

    // The late transaction commits: both go out, in order.
    await database.db.changeEvent.create({ data: row(start + 2) });
    await feed.poll();
    expect(received.flat().map((event) => event.id)).toEqual([start + 1, start + 2, start + 3]);
    expect(await feed.position()).toBe(start + 3);

    // Catch-up after a reconnect: exactly what came after the client's last id.
    const since = await feed.since(start + 1, await feed.position());
    expect(since === "expired" ? since : since.map((event) => event.id)).toEqual([start + 2, start + 3]);
    stop();
    feed.close();
  });

  it("gives up on a missing id that never commits (a rolled-back transaction) instead of stalling", async () => {
    const feed = new ChangeFeed(database.db, 60_000);
    const start = await feed.position();
    const received: number[] = [];
    const stop = feed.listen((batch) => received.push(...batch.map((event) => event.id)), () => {});
    await database.db.changeEvent.create({ data: row(start + 2) });
    await feed.poll();
    expect(received).toEqual([]);
    for (let attempt = 0; attempt < 100 && received.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await feed.poll();
    }
    expect(received).toEqual([start + 2]);
    stop();
    feed.close();
  });

  it("tells a client whose last id was pruned away to reload, and ends subscriptions on close", async () => {
    const feed = new ChangeFeed(database.db, 60_000);
    const position = await feed.position();
    await database.db.changeEvent.deleteMany({ where: { id: { lte: position } } });
    await database.db.changeEvent.create({ data: row(position + 1) });
    await feed.poll();
    expect(await feed.since(position - 5, await feed.position())).toBe("expired");

    let ended = 0;
    feed.listen(() => {}, () => ended++);
    feed.close();
    feed.listen(() => {}, () => ended++);
    expect(ended).toBe(2);
  });

  it("keeps what the automation engine has not read yet past the hour, and nothing past a week", async () => {
    const { db } = database;
    const now = Date.now();
    const at = (ago: number) => new Date(now - ago);
    const last = (await db.changeEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const [read, unread, ancient] = [last + 1, last + 2, last + 3];
    await db.changeEvent.createMany({
      data: [
        { ...row(read), createdAt: at(2 * CHANGE_RETAIN_MS) },
        { ...row(unread), createdAt: at(2 * CHANGE_RETAIN_MS) },
        { ...row(ancient), createdAt: at(CHANGE_UNREAD_RETAIN_MS + 60_000) },
      ],
    });
    await db.automationCursor.upsert({ where: { name: "engine" }, create: { name: "engine", position: read }, update: { position: read } });
    await pruneChangeEvents(db, now);
    const left = async () => (await db.changeEvent.findMany({ where: { id: { in: [read, unread, ancient] } }, select: { id: true } })).map((r) => r.id);
    expect(await left()).toEqual([unread]);

    // Once the engine has read it, the hour applies again.
    await db.automationCursor.update({ where: { name: "engine" }, data: { position: unread } });
    await pruneChangeEvents(db, now);
    expect(await left()).toEqual([]);
  });
});
