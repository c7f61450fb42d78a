/** Knowledge bases and the AI test bench. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { STAFF, MANAGERS, KEYS, WRITE_KEYS, type Principal } from "./principals";

export const knowledgeRows: Record<string, Principal[]> = {
  "knowledge.bases.list": [...STAFF, ...KEYS],
  "knowledge.bases.get": [...STAFF, ...KEYS],
  "knowledge.bases.create": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.bases.update": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.bases.delete": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.get": [...STAFF, ...KEYS],
  "knowledge.documents.create": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.update": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.delete": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.chunks": [...STAFF, ...KEYS],
  "knowledge.search": [...STAFF, ...KEYS],
  "aiTest.intent": [...MANAGERS, ...WRITE_KEYS],
};
