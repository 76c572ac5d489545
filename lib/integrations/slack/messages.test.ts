import { describe, expect, it } from "vitest";
import { agentAlertMessage, agentAlertResolvedMessage, proposalDecidedMessage, proposalMessage } from "./messages";

const alert = { alertId: "a1", shopName: "SFO <T2>", agent: "feedback", severity: "warning", subject: "run:temperature", message: "3 bad ratings about temperature & waiting", agentsUrl: "http://x/manager/sfo/agents" };
const proposal = { proposalId: "p1", shopName: "North", toShopName: "South", agent: "coordinator", kind: "transfer", title: "Send 6 L oat milk to South", expires: "5 Dec 2026, 09:00 (Europe/Berlin)", agentsUrl: "http://x/manager/north/agents" };

describe("the agents' Slack messages", () => {
  it("an alert names severity, shop, agent and links the agents page; Slack's control characters are escaped", () => {
    const m = agentAlertMessage(alert, "agent.alert:a1:i1");
    expect(m.text).toBe("Warning at SFO <T2>: 3 bad ratings about temperature & waiting");
    const blocks = JSON.stringify(m.blocks);
    expect(blocks).toContain(":warning: Warning alert · SFO <T2>"); // plain_text: not escaped
    expect(blocks).toContain("3 bad ratings about temperature &amp; waiting");
    expect(blocks).toContain("*Shop*\\nSFO &lt;T2&gt;");
    expect(blocks).toContain("*Raised by*\\nFeedback analyst");
    expect(blocks).toContain('"url":"http://x/manager/sfo/agents"');
    expect(blocks).toContain('"value":"agent.alert:a1:i1"');
    expect(m).toMatchObject({ alertId: "a1", subject: "run:temperature" });
  });

  it("an unknown severity reads as info; the resolved follow-up names the raise it follows", () => {
    expect(agentAlertMessage({ ...alert, severity: "odd" }, "k").text).toMatch(/^Info at/);
    const r = agentAlertResolvedMessage(alert, "agent.alert:a1:i1");
    expect(r.after).toBe("agent.alert:a1:i1");
    expect(r.text).toBe("Resolved at SFO <T2>: 3 bad ratings about temperature & waiting");
  });

  it("a proposal carries Approve / Reject with its key; once decided, the buttons give way to the outcome", () => {
    const m = proposalMessage(proposal, "agent.proposal:p1:i1");
    expect(m.text).toBe("To approve at North: Send 6 L oat milk to South");
    const actions = m.blocks.find((b) => b.type === "actions") as { elements: { action_id: string; value?: string }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([["gocoffee.proposal.approve", "agent.proposal:p1:i1"], ["gocoffee.proposal.reject", "agent.proposal:p1:i1"], ["gocoffee.open", undefined]]);
    expect(JSON.stringify(m.blocks)).toContain("Transfer between shops to approve · North");
    expect(JSON.stringify(m.blocks)).toContain("North → South");
    const decided = proposalDecidedMessage(proposal, "✅ Approved by Marco Rossi at 3 Dec 2026, 13:00");
    expect(decided.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(decided.blocks)).toContain("Approved by Marco Rossi");
  });
});
