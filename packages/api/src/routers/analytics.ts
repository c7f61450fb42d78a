import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import {
  analyticsInputSchema,
  commentFiltersSchema,
  conversationsDashboard,
  drillDown,
  drillDownSchema,
  EventScope,
  satisfactionComments,
  satisfactionDashboard,
  teamDashboard,
  voiceDashboard,
  type AnalyticsInput,
  type Range,
} from "@parley/analytics";

/** Owners, admins, supervisors and analysts read reports; agents do not. */
const reports = staffProcedure("reports:read");

function scoped(ctx: { db: import("@parley/db").Db; workspaceId: string }, input: AnalyticsInput): [EventScope, Range] {
  return [new EventScope(ctx.db, ctx.workspaceId, input.filters), { from: new Date(input.from), to: new Date(input.to) }];
}

/** The four dashboards (each with the previous period's figures) and the conversations behind a figure. */
export const analyticsRouter = router({
  conversations: reports.input(analyticsInputSchema).query(({ ctx, input }) => conversationsDashboard(...scoped(ctx, input))),
  team: reports.input(analyticsInputSchema).query(({ ctx, input }) => teamDashboard(...scoped(ctx, input))),
  satisfaction: reports.input(analyticsInputSchema).query(({ ctx, input }) => satisfactionDashboard(...scoped(ctx, input))),
  /** What customers wrote with their ratings, filtered by the dashboard's filters, a rating band and words. */
  satisfactionComments: reports
    .input(z.object({ range: analyticsInputSchema, comments: commentFiltersSchema.default({ rating: "all" }) }))
    .query(({ ctx, input }) => satisfactionComments(...scoped(ctx, input.range), input.comments)),
  voice: reports.input(analyticsInputSchema).query(({ ctx, input }) => voiceDashboard(...scoped(ctx, input))),
  drillDown: reports
    .input(z.object({ range: analyticsInputSchema, figure: drillDownSchema }))
    .query(({ ctx, input }) => drillDown(...scoped(ctx, input.range), input.figure)),
  /** What the filter pickers offer: the workspace's flows, teams, agents and the intents seen. */
  filterOptions: reports.query(async ({ ctx }) => {
    const [flows, teams, members, intents] = await Promise.all([
      ctx.db.flow.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      ctx.db.team.findMany({ where: { workspaceId: ctx.workspaceId }, select: { name: true }, orderBy: { name: "asc" } }),
      ctx.db.member.findMany({
        where: { workspaceId: ctx.workspaceId, role: { in: ["agent", "supervisor", "admin", "owner"] } },
        select: { user: { select: { id: true, name: true, email: true } } },
      }),
      ctx.db.analyticsEvent.findMany({ where: { workspaceId: ctx.workspaceId, type: "intent" }, distinct: ["intent"], select: { intent: true }, take: 100 }),
    ]);
    return {
      flows,
      teams: teams.map((team) => team.name),
      agents: members.map((member) => ({ id: member.user.id, name: member.user.name || member.user.email })).sort((a, b) => a.name.localeCompare(b.name)),
      intents: intents.map((row) => row.intent).filter((intent): intent is string => intent !== null).sort(),
    };
  }),
});
