import type { Permission } from '@/lib/api-types';

export interface NavItem {
  href: string;
  label: string;
  icon: string;
  /** Shown only to roles with this permission (the server refuses the others anyway). */
  needs?: Permission;
  /** The link's test id is `nav-<this>`; by default the last segment of href. */
  testName?: string;
}

export const mainNav: readonly NavItem[] = [
  { href: '/flows', label: 'Flows', icon: 'workflow', needs: 'flows:read' },
  { href: '/inbox', label: 'Inbox', icon: 'inbox', needs: 'conversations:read' },
  { href: '/contacts', label: 'Contacts', icon: 'contact-round', needs: 'contacts:read' },
  { href: '/supervise', label: 'Queue board', icon: 'headset', needs: 'conversations:supervise' },
  { href: '/chat', label: 'Web chat', icon: 'messages-square', needs: 'flows:read' },
  { href: '/knowledge', label: 'Knowledge', icon: 'book-open', needs: 'knowledge:read' },
  { href: '/analytics', label: 'Analytics', icon: 'chart-column', needs: 'reports:read' },
];

export const settingsNav: readonly NavItem[] = [
  { href: '/settings/users', label: 'Users', icon: 'user', needs: 'members:manage' },
  { href: '/settings/teams', label: 'Teams', icon: 'users', needs: 'teams:read' },
  { href: '/settings/skills', label: 'Skills', icon: 'star', needs: 'teams:read' },
  { href: '/settings/channels', label: 'Channels', icon: 'globe', needs: 'settings:manage' },
  { href: '/settings/labels', label: 'Labels', icon: 'tag', needs: 'settings:manage' },
  { href: '/settings/canned-responses', label: 'Canned responses', icon: 'message-square', needs: 'settings:manage' },
  { href: '/settings/macros', label: 'Macros', icon: 'sparkles', needs: 'settings:manage' },
  { href: '/settings/automation', label: 'Automation', icon: 'route', needs: 'settings:manage' },
  { href: '/settings/sla-policies', label: 'SLA policies', icon: 'timer', needs: 'settings:manage' },
  { href: '/settings/api-keys', label: 'API keys', icon: 'key-round', needs: 'apiKeys:manage' },
  { href: '/settings/webhooks', label: 'Webhooks', icon: 'webhook', needs: 'webhooks:manage' },
  { href: '/settings/audit', label: 'Audit log', icon: 'scroll-text', needs: 'audit:read' },
  { href: '/settings/retention', label: 'Data retention', icon: 'archive', needs: 'settings:manage' },
  { href: '/settings/secrets', label: 'Secrets', icon: 'shield-check', needs: 'settings:manage' },
  // `nav-contacts` is the Contacts page's.
  { href: '/settings/contacts', label: 'Contacts & erasure', icon: 'contact-round', needs: 'settings:manage', testName: 'erasure' },
  { href: '/settings/health', label: 'Health', icon: 'check-circle', needs: 'settings:manage' },
];

export function allowedItems(items: readonly NavItem[], permissions: readonly string[]): NavItem[] {
  return items.filter((item) => !item.needs || permissions.includes(item.needs));
}
