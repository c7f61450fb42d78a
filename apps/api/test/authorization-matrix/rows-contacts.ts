/** Contacts. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { WORKERS, MANAGERS, KEYS, WRITE_KEYS, type Principal } from "./principals";

export const contactRows: Record<string, Principal[]> = {
  /** The contacts page: agents and up; keys read, and write keys create and update by identity. */
  "contacts.list": [...WORKERS, ...KEYS],
  "contacts.get": [...WORKERS, ...KEYS],
  "contacts.upsert": [...WORKERS, ...WRITE_KEYS],
  "contacts.updateAttributes": [...WORKERS, ...WRITE_KEYS],
  /** A person's decision, like the inbox's other writes. */
  "contacts.merge": WORKERS,
  "contacts.erase": [...MANAGERS, "key:admin"],
};
