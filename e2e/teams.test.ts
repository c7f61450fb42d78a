// Teams, skills, capacity and presence as an admin manages them in the builder, and the handoff
// step picking from them: every step through the built builder in Chromium, the database saying
// whether it really happened; supervisors read, analysts do not see the screens.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

/** The page at desktop (1440×900) and phone (390×844) widths; `focus` is scrolled into view at each. */
async function screenshotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

const sam = () => e2e.stack.database.db.member.findFirstOrThrow({ where: { userId: e2e.stack.database.seed.agentId, workspaceId: e2e.stack.database.seed.workspaceId } });

describe("teams and skills in the builder", () => {
  it("the admin creates a team, adds the agent, sets a skill level and capacity, and the handoff step offers them", async () => {
    const { db, seed } = e2e.stack.database;
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.getByTestId("nav-teams").click();
    await page.getByTestId("team-Support").waitFor();

    // --- A new team, with Sam in it. ------------------------------------------------------------
    const form = page.getByTestId("team-form");
    await form.getByTestId("team-name").fill("Night shift");
    await form.getByTestId("team-distribution").selectOption("round_robin");
    await form.getByTestId("team-timeout").selectOption("45");
    await form.getByTestId("team-description").fill("Chats after 22:00");
    await form.getByTestId("team-form-submit").click();
    const night = page.getByTestId("team-Night shift");
    await night.waitFor();
    await expect(form.getByTestId("team-name").inputValue()).resolves.toBe("");
    await expect(night.getByTestId("team-distribution-label").textContent()).resolves.toBe("Round robin");
    await night.getByTestId("team-add-person").selectOption({ label: "Sam Agent" });
    await night.getByTestId("team-add-submit").click();
    await night.getByTestId("team-member-agent@parley.dev").waitFor();
    const team = await db.team.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Night shift" }, include: { members: true } });
    expect(team).toMatchObject({ distribution: "round_robin", offerTimeoutSeconds: 45, description: "Chats after 22:00" });
    expect(team.members.map((member) => member.memberId)).toEqual([(await sam()).id]);

    // A duplicate name is refused with the API's reason, at the form.
    await form.getByTestId("team-name").fill("Support");
    await form.getByTestId("team-form-submit").click();
    await form.getByText('A team named "Support" exists already').waitFor();
    await screenshotBoth(page, "teams-1-list", night);

    // Support is named by published flows: deleting it is refused, with the flows named.
    const support = page.getByTestId("team-Support");
    await support.getByTestId("team-delete").click();
    const dialog = page.getByTestId("team-delete-dialog");
    await dialog.getByRole("button", { name: "Delete team" }).click();
    await dialog.getByText(/Cannot delete the team "Support": the published flow\(s\) .*"Support with a human"/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(db.team.count({ where: { workspaceId: seed.workspaceId, name: "Support" } })).resolves.toBe(1);

    // --- A skill, and Sam's level in it. --------------------------------------------------------
    await page.getByTestId("nav-skills").click();
    await page.getByTestId("skill-form").waitFor();
    await page.getByTestId("skill-name").fill("french");
    await page.getByTestId("skill-form-submit").click();
    await page.getByTestId("skill-french").waitFor();
    const samLevels = page.getByTestId("levels-agent@parley.dev");
    await samLevels.getByTestId("level-french").selectOption("4");
    await expect
      .poll(() => db.agentSkill.findFirst({ where: { memberId: team.members[0]!.memberId, skill: { name: "french" } } }).then((row) => row?.level))
      .toBe(4);
    await screenshotBoth(page, "teams-2-skills", samLevels);

    // --- Sam's capacity, in Users. --------------------------------------------------------------
    await page.getByTestId("nav-users").click();
    const samRow = page.getByTestId("member-agent@parley.dev");
    await samRow.getByTestId("member-chat-capacity").selectOption("5");
    await expect.poll(async () => (await sam()).chatCapacity).toBe(5);
    await expect(page.getByTestId("member-analyst@parley.dev").getByTestId("member-capacity").count()).resolves.toBe(0);
    await screenshotBoth(page, "teams-3-capacity", samRow);

    // --- The handoff step picks from the workspace's teams and skills. ---------------------------
    const flow = await db.flow.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Support with a human" } });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flow.id}`);
    await page.getByTestId("node-handoff").click();
    const teamPicker = page.getByTestId("field-team");
    await expect(teamPicker.locator("option").allTextContents()).resolves.toEqual(["Billing", "Night shift", "Support"]);
    await teamPicker.selectOption("Night shift");
    await page.getByTestId("skill-option-french").click();
    await expect(page.getByTestId("skill-option-french").getAttribute("aria-pressed")).resolves.toBe("true");
    await screenshotBoth(page, "teams-4-handoff-picker", teamPicker);
    await page.getByTestId("save-draft").click();
    await expect
      .poll(async () => {
        const draft = await db.flowVersion.findFirstOrThrow({ where: { flowId: flow.id, published: false } });
        const node = (draft.graph as { nodes: { id: string; config: Record<string, unknown> }[] }).nodes.find((candidate) => candidate.id === "handoff");
        return [node?.config.team, node?.config.skills];
      })
      .toEqual(["Night shift", "french"]);
    await page.close();
  });

  it("the agent switches their presence in the sidebar; supervisors read teams, analysts do not see them", async () => {
    const agent = await e2e.newPage({ as: "agent" });
    await agent.goto(`${e2e.stack.builderUrl}/inbox`);
    const presence = agent.getByTestId("presence-select");
    await expect(presence.inputValue()).resolves.toBe("offline");
    await presence.selectOption("online");
    await expect.poll(async () => (await sam()).presence).toBe("online");
    await presence.selectOption("away");
    await expect.poll(async () => (await sam()).presence).toBe("away");
    await expect(agent.getByTestId("nav-teams").count()).resolves.toBe(0);
    await screenshotBoth(agent, "teams-5-presence-switch");
    await agent.close();

    const supervisor = await e2e.newPage({ as: "supervisor" });
    await supervisor.goto(`${e2e.stack.builderUrl}/settings/teams`);
    const support = supervisor.getByTestId("team-Support");
    await support.waitFor();
    // Read only: no form, no edit, no membership changes; presence shows beside each person.
    await expect(supervisor.getByTestId("team-form").count()).resolves.toBe(0);
    await expect(support.getByTestId("team-edit").count()).resolves.toBe(0);
    await expect(support.getByTestId("team-add-person").count()).resolves.toBe(0);
    await support.getByTestId("team-member-agent@parley.dev").getByRole("img", { name: "Away" }).waitFor();
    await screenshotBoth(supervisor, "teams-6-supervisor-read-only");
    await supervisor.close();

    const analyst = await e2e.newPage({ as: "analyst" });
    await analyst.goto(`${e2e.stack.builderUrl}/flows`);
    await analyst.getByTestId("nav-flows").waitFor();
    await expect(analyst.getByTestId("nav-teams").count()).resolves.toBe(0);
    await expect(analyst.getByTestId("presence-switch").count()).resolves.toBe(0);
    await analyst.goto(`${e2e.stack.builderUrl}/settings/teams`);
    await analyst.getByTestId("not-allowed").waitFor();
    await analyst.close();
  });

  it("a supervisor assigning someone outside the conversation's team is told why, and may assign anyway", async () => {
    const api = await e2e.stack.api("owner");
    const { id: flowId } = await api.flows.create.mutate({ name: "Straight to Billing" });
    await api.flows.saveDraft.mutate({
      id: flowId,
      graph: {
        schemaVersion: FLOW_SCHEMA_VERSION,
        nodes: [
          { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
          { id: "human", kind: "handoff", position: { x: 0, y: 120 }, config: { team: "Billing", skills: "", message: "", priority: "normal", summary: "" } },
          { id: "end", kind: "end", position: { x: 0, y: 240 }, config: { status: "resolved" } },
        ],
        edges: [
          { id: "e1", source: "start", sourcePort: "next", target: "human" },
          { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
          { id: "e3", source: "human", sourcePort: "returned", target: "end" },
        ],
      },
    });
    await api.flows.publish.mutate({ id: flowId });
    const { conversationId } = await api.conversations.start.mutate({ flowId });
    const { db } = e2e.stack.database;
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("handoff");

    const page = await e2e.newPage({ as: "supervisor" });
    await page.goto(`${e2e.stack.builderUrl}/inbox/${conversationId}`);
    await page.getByTestId("inbox-detail").waitFor();
    await page.getByRole("combobox", { name: "Assignee" }).selectOption({ label: "Sam Agent" });
    const error = page.getByTestId("action-error");
    await error.getByText('Could not assign: Sam Agent is not in the team "Billing"; add them to it first.').waitFor();
    await screenshotBoth(page, "teams-7-assign-anyway", error);
    await error.getByTestId("assign-anyway").click();
    await page.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).assigneeId).toBe(e2e.stack.database.seed.agentId);
    await page.close();
  });
});
