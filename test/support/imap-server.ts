// A small IMAP4rev1 server on loopback for tests of the email channel's IMAP polling: one user,
// one mailbox (INBOX), messages kept in memory. It speaks what a real client (imapflow) sends:
// CAPABILITY, LOGIN (quoted strings or literals), LIST "" "", SELECT/EXAMINE, STATUS, UID SEARCH
// (ALL, UID <set>, SEEN, UNSEEN), UID FETCH (UID FLAGS RFC822.SIZE BODY.PEEK[]), UID STORE
// ±FLAGS[.SILENT], NOOP, CLOSE, LOGOUT. No npm package offers a maintained IMAP server.
import net, { type AddressInfo } from "node:net";

export interface StoredMail {
  uid: number;
  flags: Set<string>;
  raw: Buffer;
}

export interface ImapTestServer {
  port: number;
  uidValidity: number;
  mails: StoredMail[];
  /** Puts a raw message into INBOX (unseen); returns its UID. */
  deliver(raw: string | Buffer): number;
  /** Drops the connection instead of answering the next this-many UID STOREs (a crash before \Seen). */
  dropOnStore: number;
  /** Commands seen, for assertions ("UID STORE 2 +FLAGS.SILENT (\\Seen)"). */
  log: string[];
  close(): Promise<void>;
}

type Token = string | Buffer;

/** Splits a command's arguments: atoms, "quoted strings", (lists kept as one atom), literals. */
function tokenize(line: string, literals: Buffer[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " ") i += 1;
    else if (c === '"') {
      let value = "";
      i += 1;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\") i += 1;
        value += line[i] ?? "";
        i += 1;
      }
      tokens.push(value);
      i += 1;
    } else if (c === "\u0000") {
      tokens.push(literals.shift() ?? Buffer.alloc(0));
      i += 1;
    } else if (c === "(") {
      const end = line.indexOf(")", i);
      tokens.push(line.slice(i, end + 1));
      i = end + 1;
    } else {
      const end = line.indexOf(" ", i);
      tokens.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
  }
  return tokens;
}

const text = (token: Token | undefined) => (token === undefined ? "" : token.toString());

/** "1:*", "3,5:7" → does uid fall in it (with * the highest UID). */
function inSet(set: string, uid: number, highest: number): boolean {
  return set.split(",").some((part) => {
    const [from, to] = part.split(":").map((n) => (n === "*" ? highest : Number(n)));
    if (to === undefined) return uid === from;
    return uid >= Math.min(from!, to) && uid <= Math.max(from!, to);
  });
}

export async function startImapTestServer(options: { user: string; password: string }): Promise<ImapTestServer> {
  const mails: StoredMail[] = [];
  const log: string[] = [];
  let nextUid = 1;
  const uidValidity = 1_700_000_000 + Math.floor(Math.random() * 1000);
  const capability = "CAPABILITY IMAP4rev1 UIDPLUS";

  const sockets = new Set<net.Socket>();
  const state: ImapTestServer = {
    port: 0,
    uidValidity,
    mails,
    log,
    dropOnStore: 0,
    deliver(raw) {
      const uid = nextUid++;
      // Test mail is written with \n; IMAP stores and sends CRLF lines.
      mails.push({ uid, flags: new Set(), raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, "\r\n")) });
      return uid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open client connections would keep close() waiting.
        sockets.forEach((socket) => socket.destroy());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let pending: { line: string; literals: Buffer[]; need: number } | null = null;
    let selected = false;
    let authed = false;
    const send = (data: string | Buffer): void => void socket.write(data);
    send(`* OK [${capability}] loopback IMAP ready\r\n`);

    const highest = () => mails.reduce((max, mail) => Math.max(max, mail.uid), 0);
    const seqOf = (mail: StoredMail) => mails.indexOf(mail) + 1;
    const flagsOf = (mail: StoredMail) => `(${[...mail.flags].join(" ")})`;

    function handle(line: string, literals: Buffer[]): void {
      const [tagToken, commandToken, ...rest] = tokenize(line, literals);
      const tag = text(tagToken);
      let command = text(commandToken).toUpperCase();
      let args = rest;
      log.push(line.split("\u0000").join("{literal}"));
      const ok = (message = "done") => send(`${tag} OK ${message}\r\n`);
      if (command === "UID") {
        command = `UID ${text(args[0]).toUpperCase()}`;
        args = args.slice(1);
      }
      if (command === "CAPABILITY") return void (send(`* ${capability}\r\n`), ok());
      if (command === "NOOP") return ok();
      if (command === "LOGOUT") return void (send("* BYE see you\r\n"), ok(), socket.end());
      if (command === "LOGIN") {
        if (text(args[0]) === options.user && text(args[1]) === options.password) {
          authed = true;
          return ok(`[${capability}] logged in`);
        }
        return void send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
      }
      if (!authed) return void send(`${tag} BAD log in first\r\n`);
      if (command === "LIST") return void (send(`* LIST (\\Noselect) "/" ""\r\n`), ok());
      const mailbox = text(args[0]).toUpperCase();
      if (command === "STATUS") {
        if (mailbox !== "INBOX") return void send(`${tag} NO [NONEXISTENT] no such mailbox\r\n`);
        const unseen = mails.filter((mail) => !mail.flags.has("\\Seen")).length;
        send(`* STATUS INBOX (MESSAGES ${mails.length} UIDNEXT ${nextUid} UIDVALIDITY ${uidValidity} UNSEEN ${unseen})\r\n`);
        return ok();
      }
      if (command === "SELECT" || command === "EXAMINE") {
        if (mailbox !== "INBOX") return void send(`${tag} NO [NONEXISTENT] no such mailbox\r\n`);
        selected = true;
        send(`* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n* ${mails.length} EXISTS\r\n* 0 RECENT\r\n`);
        send(`* OK [UIDVALIDITY ${uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${nextUid}] next UID\r\n`);
        return ok(`[${command === "SELECT" ? "READ-WRITE" : "READ-ONLY"}] ${command} completed`);
      }
      if (command === "CLOSE") return void ((selected = false), ok());
      if (!selected) return void send(`${tag} BAD select a mailbox first\r\n`);
      if (command === "UID SEARCH") {
        const criteria = args.map(text);
        const matches = mails.filter((mail) => {
          for (let i = 0; i < criteria.length; i += 1) {
            const key = criteria[i]!.toUpperCase();
            if (key === "UID" && !inSet(criteria[(i += 1)]!, mail.uid, highest())) return false;
            if (key === "SEEN" && !mail.flags.has("\\Seen")) return false;
            if (key === "UNSEEN" && mail.flags.has("\\Seen")) return false;
          }
          return true;
        });
        send(`* SEARCH${matches.map((mail) => ` ${mail.uid}`).join("")}\r\n`);
        return ok();
      }
      if (command === "UID FETCH") {
        const items = text(args[1]).toUpperCase();
        for (const mail of mails.filter((m) => inSet(text(args[0]), m.uid, highest()))) {
          const parts = [`UID ${mail.uid}`];
          if (items.includes("FLAGS")) parts.push(`FLAGS ${flagsOf(mail)}`);
          if (items.includes("RFC822.SIZE")) parts.push(`RFC822.SIZE ${mail.raw.length}`);
          if (!items.includes("BODY")) {
            send(`* ${seqOf(mail)} FETCH (${parts.join(" ")})\r\n`);
            continue;
          }
          send(Buffer.concat([Buffer.from(`* ${seqOf(mail)} FETCH (${parts.join(" ")} BODY[] {${mail.raw.length}}\r\n`), mail.raw, Buffer.from(")\r\n")]));
        }
        return ok();
      }
      if (command === "UID STORE") {
        if (state.dropOnStore > 0) {
          state.dropOnStore -= 1;
          return void socket.destroy();
        }
        const [set, action, list] = [text(args[0]), text(args[1]).toUpperCase(), text(args[2])];
        const flags = list.replace(/[()]/g, "").split(" ").filter(Boolean);
        for (const mail of mails.filter((m) => inSet(set, m.uid, highest()))) {
          if (action.startsWith("+")) flags.forEach((flag) => mail.flags.add(flag));
          else if (action.startsWith("-")) flags.forEach((flag) => mail.flags.delete(flag));
          else mail.flags = new Set(flags);
          if (!action.endsWith(".SILENT")) send(`* ${seqOf(mail)} FETCH (UID ${mail.uid} FLAGS ${flagsOf(mail)})\r\n`);
        }
        return ok();
      }
      send(`${tag} BAD unknown command ${command}\r\n`);
    }

    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (pending && pending.need > 0) {
          if (buffer.length < pending.need) return;
          pending.literals.push(buffer.subarray(0, pending.need));
          buffer = buffer.subarray(pending.need);
          pending.need = 0;
        }
        const end = buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = buffer.subarray(0, end).toString("utf8");
        buffer = buffer.subarray(end + 2);
        const literal = /\{(\d+)(\+?)\}$/.exec(line);
        const sofar = pending ? pending.line + "\u0000" : "";
        if (literal) {
          // A literal follows: everything before it is kept, the bytes are read next.
          pending = { line: sofar + line.slice(0, literal.index), literals: pending?.literals ?? [], need: Number(literal[1]) };
          if (!literal[2]) send("+ go ahead\r\n");
          continue;
        }
        const literals = pending?.literals ?? [];
        const full = sofar + line;
        pending = null;
        handle(full, literals);
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}
