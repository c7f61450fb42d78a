import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { conversationsRouter } from "./routers/conversations";
import { usersRouter } from "./routers/users";
import { notificationsRouter } from "./routers/notifications";
import { knowledgeRouter } from "./routers/knowledge";
import { aiTestRouter } from "./routers/ai-test";
import { sentimentRouter } from "./routers/sentiment";
import { accountRouter } from "./routers/account";
import { invitationsRouter, membersRouter } from "./routers/members";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { settingsRouter } from "./routers/settings";
import { secretsRouter } from "./routers/secrets";
import { webhooksRouter } from "./routers/webhooks";
import { contactsRouter } from "./routers/contacts";
import { simulatorRouter } from "./routers/simulator";
import { teamsRouter } from "./routers/teams";
import { skillsRouter } from "./routers/skills";
import { presenceRouter } from "./routers/presence";
import { routingRouter } from "./routers/routing";
import { replayChecksRouter } from "./routers/replay-checks";
import { testCasesRouter } from "./routers/test-cases";
import { labelsRouter } from "./routers/labels";
import { channelsRouter } from "./routers/channels";
import { cannedResponsesRouter } from "./routers/canned-responses";
import { contactPanelRouter } from "./routers/contact-panel";
import { macrosRouter } from "./routers/macros";
import { automationRouter } from "./routers/automation";
import { slaPoliciesRouter } from "./routers/sla-policies";
import { savedViewsRouter } from "./routers/saved-views";
import { notesRouter } from "./routers/notes";
import { superviseRouter } from "./routers/supervise";
import { flowAnalyticsRouter } from "./routers/flow-analytics";
import { healthRouter } from "./routers/health";
import { liveRouter } from "./routers/live";
import { analyticsRouter } from "./routers/analytics";
import { reportsRouter } from "./routers/reports";
import { attachmentsRouter } from "./routers/attachments";

export const appRouter = router({
  flows: flowsRouter,
  conversations: conversationsRouter,
  users: usersRouter,
  notifications: notificationsRouter,
  knowledge: knowledgeRouter,
  aiTest: aiTestRouter,
  sentiment: sentimentRouter,
  account: accountRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  settings: settingsRouter,
  secrets: secretsRouter,
  webhooks: webhooksRouter,
  contacts: contactsRouter,
  simulator: simulatorRouter,
  teams: teamsRouter,
  skills: skillsRouter,
  presence: presenceRouter,
  routing: routingRouter,
  replayChecks: replayChecksRouter,
  testCases: testCasesRouter,
  labels: labelsRouter,
  channels: channelsRouter,
  cannedResponses: cannedResponsesRouter,
  contactPanel: contactPanelRouter,
  macros: macrosRouter,
  automation: automationRouter,
  slaPolicies: slaPoliciesRouter,
  savedViews: savedViewsRouter,
  notes: notesRouter,
  supervise: superviseRouter,
  flowAnalytics: flowAnalyticsRouter,
  health: healthRouter,
  live: liveRouter,
  analytics: analyticsRouter,
  reports: reportsRouter,
  attachments: attachmentsRouter,
});

export type AppRouter = typeof appRouter;
