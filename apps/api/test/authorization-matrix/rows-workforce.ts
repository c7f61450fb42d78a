/** The workforce: teams, skills, presence, routing offers, supervision. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { STAFF, WORKERS, MANAGERS, SUPERVISORS, KEYS, type Principal } from "./principals";

export const workforceRows: Record<string, Principal[]> = {
  "teams.list": SUPERVISORS,
  "teams.names": [...STAFF, ...KEYS],
  "teams.create": MANAGERS,
  "teams.update": MANAGERS,
  "teams.delete": MANAGERS,
  "teams.addMember": MANAGERS,
  "teams.removeMember": MANAGERS,
  "skills.list": SUPERVISORS,
  "skills.names": [...STAFF, ...KEYS],
  "skills.create": MANAGERS,
  "skills.rename": MANAGERS,
  "skills.delete": MANAGERS,
  "skills.setAgentLevels": MANAGERS,
  "presence.mine": WORKERS,
  "presence.set": WORKERS,
  "presence.list": SUPERVISORS,
  // Offers are a signed-in agent's own: keys have none to answer.
  "routing.offers": WORKERS,
  "routing.accept": WORKERS,
  "routing.decline": WORKERS,
  "supervise.board": SUPERVISORS,
  "supervise.whisper": SUPERVISORS,
  "supervise.bargeIn": SUPERVISORS,
  "supervise.takeOver": SUPERVISORS,
};
