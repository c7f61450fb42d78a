/** People: the account, members, invitations, API keys. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { STAFF, MANAGERS, KEYS, ANYONE, SIGNED_IN, type Principal } from "./principals";

export const peopleRows: Record<string, Principal[]> = {
  "users.list": [...STAFF, ...KEYS],
  "account.me": ANYONE,
  "account.switchWorkspace": SIGNED_IN,
  "account.updateProfile": SIGNED_IN,
  "members.list": MANAGERS,
  "members.invite": MANAGERS,
  "members.revokeInvitation": MANAGERS,
  "members.changeRole": MANAGERS,
  "members.setActive": MANAGERS,
  "invitations.preview": ANYONE,
  "invitations.accept": ANYONE,
  "apiKeys.list": MANAGERS,
  "apiKeys.create": MANAGERS,
  "apiKeys.revoke": MANAGERS,
  "members.setCapacity": MANAGERS,
};
