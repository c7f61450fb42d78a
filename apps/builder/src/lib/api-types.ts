import type { AppRouter } from '@parley/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';

/** Shapes of API results, inferred from the router type (never written by hand). */
type Api = TRPCOptionsProxy<AppRouter>;

export type FlowSummary = inferOutput<Api['flows']['list']>[number];
export type FlowDetail = inferOutput<Api['flows']['get']>;

export type ConversationSummary = inferOutput<Api['conversations']['list']>[number];
export type ConversationDetail = inferOutput<Api['conversations']['get']>;
/** What the inbox asks the list for: a view, filters and search words (saved views store it). */
export type InboxQuery = Exclude<inferInput<Api['conversations']['list']>, void | undefined>;
export type SavedView = inferOutput<Api['savedViews']['list']>[number];
export type ViewCounts = inferOutput<Api['conversations']['viewCounts']>;
export type ConversationStatus = ConversationDetail['status'];
export type TranscriptMessage = ConversationDetail['messages'][number];
export type MessageAuthor = TranscriptMessage['author'];
export type BotReply = inferOutput<Api['conversations']['start']>['replies'][number];
export type ConversationListInput = inferInput<Api['conversations']['list']>;
export type Priority = ConversationDetail['priority'];
export type Assignee = NonNullable<ConversationDetail['assignee']>;
/** What the web chat polls while a person has the conversation. */
export type CustomerMessage = inferOutput<Api['conversations']['messagesSince']>['messages'][number];
/** Workspace people, for assignment. */
export type Person = inferOutput<Api['users']['list']>[number];
/** SLA clocks as the workflow last stored them on the conversation (null: no policy). */
export type SlaView = NonNullable<ConversationDetail['sla']>;
export type SlaClockName = keyof SlaView;
export type SlaClockView = SlaView[SlaClockName];
/** The customer's satisfaction rating (score null: asked, not given). */
export type CsatResult = NonNullable<ConversationDetail['csat']>;
/** The conversation's quality score and the signals behind it. */
export type QualityResult = NonNullable<ConversationDetail['quality']>;
/** An item of the inbox's notification bell (queue entries, SLA warnings and breaches). */
export type NotificationItem = inferOutput<Api['notifications']['list']>['items'][number];
/** A private note or a supervisor's whisper on a conversation (never shown to the customer). */
export type ConversationNoteRow = inferOutput<Api['notes']['list']>[number];
/** The supervisors' live queue board: teams' queues and agents' load. */
export type QueueBoardData = inferOutput<Api['supervise']['board']>;

/** The signed-in person, their workspaces and what their role allows (null: signed out). */
export type Me = inferOutput<Api['account']['me']>;
export type ActiveWorkspace = NonNullable<NonNullable<Me>['active']>;
export type Permission = ActiveWorkspace['permissions'][number];
export type WorkspaceRole = ActiveWorkspace['role'];
export type MemberRow = inferOutput<Api['members']['list']>['members'][number];
export type InvitationRow = inferOutput<Api['members']['list']>['invitations'][number];
export type ApiKeyRow = inferOutput<Api['apiKeys']['list']>[number];
export type WebhookSubscription = inferOutput<Api['webhooks']['list']>[number];
export type WebhookEventType = WebhookSubscription['eventTypes'][number];
export type WebhookDeliveryAttempt = inferOutput<Api['webhooks']['deliveries']>[number];
export type AuditRow = inferOutput<Api['audit']['list']>['events'][number];
export type AuditFilter = Omit<inferInput<Api['audit']['list']>, 'cursor' | 'limit'>;
export type ContactRow = inferOutput<Api['contacts']['list']>['contacts'][number];
/** `erased` with what was deleted, or `erasing` while the erasure still runs (asking again joins it). */
export type EraseOutcome = inferOutput<Api['contacts']['erase']>;
export type ContactView = inferOutput<Api['contacts']['get']>;
export type ContactConversation = ContactView['conversations'][number];
export type IdentityKind = ContactView['identities'][number]['kind'];
export type AttributeValue = ContactView['attributes'][string];
/** A test conversation's path as the flow editor's simulator reads it. */
export type SimulatorTrace = inferOutput<Api['simulator']['trace']>;
export type TeamRow = inferOutput<Api['teams']['list']>[number];
export type TeamDistribution = TeamRow['distribution'];
export type SkillRow = inferOutput<Api['skills']['list']>[number];
export type LabelRow = inferOutput<Api['labels']['list']>[number];
export type CannedRow = inferOutput<Api['cannedResponses']['list']>[number];
export type MacroRow = inferOutput<Api['macros']['list']>[number];
export type AutomationRuleRow = inferOutput<Api['automation']['list']>[number];
export type SlaPolicyRow = inferOutput<Api['slaPolicies']['list']>[number];
export type PresenceState = inferOutput<Api['presence']['mine']>['presence'];
export type ConversationPath = inferOutput<Api['conversations']['path']>;
export type PathStep = ConversationPath['steps'][number];
/** A configured channel (Settings → Channels), with its kind's config. */
export type WorkspaceChannel = inferOutput<Api['channels']['list']>[number];
export type WidgetChannel = Extract<WorkspaceChannel, { kind: 'web_widget' }>;
export type EmailChannel = Extract<WorkspaceChannel, { kind: 'email' }>;
export type WebWidgetConfig = WidgetChannel['config'];
export type EmailChannelConfig = EmailChannel['config'];
export type TwilioChannel = Extract<WorkspaceChannel, { kind: 'twilio' }>;
export type WhatsappChannel = Extract<WorkspaceChannel, { kind: 'whatsapp' }>;
/** A channel customers reach by phone number (SMS or WhatsApp). */
export type PhoneChannel = TwilioChannel | WhatsappChannel;
export type ApiChannel = Extract<WorkspaceChannel, { kind: 'api' }>;
