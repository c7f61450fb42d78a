import type { CallView } from "./call";

/**
 * The call button in the widget's header and, during a call, the bar under it: the call's state
 * said in words (connecting, live, muted, ended; what the bot is doing), what the caller is
 * heard saying, Mute and Hang up. Everything the call says is also in the transcript below.
 */
const PHONE_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M22 16.92v3a2 2 0 0 1-2.18 2 19.79 19.79 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6 19.79 19.79 0 0 1-3.07-8.67A2 2 0 0 1 4.11 2h3a2 2 0 0 1 2 1.72c.13.96.36 1.9.7 2.81a2 2 0 0 1-.45 2.11L8.09 9.91a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45c.91.34 1.85.57 2.81.7A2 2 0 0 1 22 16.92z"/></svg>';

const STATES: Record<string, string> = {
  listening: "Listening…",
  "user-speaking": "Hearing you…",
  thinking: "Thinking…",
  "bot-speaking": "Speaking…",
};

export interface CallHandlers {
  start(): Promise<void>;
  hangup(): void;
  mute(muted: boolean): void;
}

function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const node = document.createElement("button");
  node.type = "button";
  node.className = className;
  node.textContent = text;
  node.addEventListener("click", onClick);
  return node;
}

export function createCallView(handlers: CallHandlers) {
  const start = button("call-button", "", () => void handlers.start());
  start.innerHTML = PHONE_ICON;
  start.setAttribute("aria-label", "Call us");
  start.dataset.testid = "widget-call";

  const bar = document.createElement("div");
  bar.className = "call-bar";
  bar.hidden = true;
  bar.dataset.testid = "widget-call-bar";
  bar.setAttribute("role", "status");
  const dot = document.createElement("span");
  dot.className = "dot";
  const words = document.createElement("div");
  words.className = "call-words";
  const status = document.createElement("strong");
  status.dataset.testid = "widget-call-state";
  const heard = document.createElement("span");
  heard.className = "heard";
  words.append(status, heard);
  let muted = false;
  const mute = button("call-action", "Mute", () => handlers.mute(!muted));
  const hangup = button("call-action end", "Hang up", () => handlers.hangup());
  const close = button("call-action", "Close", () => (bar.hidden = true));
  bar.append(dot, words, mute, hangup, close);

  return {
    start,
    bar,
    render(view: CallView) {
      const active = view.phase === "connecting" || view.phase === "live";
      start.disabled = active;
      start.hidden = active;
      if (view.phase === "idle") return void (bar.hidden = true);
      bar.hidden = false;
      bar.dataset.phase = view.phase;
      bar.dataset.muted = String(view.muted);
      muted = view.muted;
      status.textContent =
        view.phase === "connecting"
          ? "Connecting…"
          : view.phase === "live"
            ? view.muted
              ? "Live · muted"
              : `Live · ${STATES[view.state ?? ""] ?? "Listening…"}`
            : view.phase === "ended"
              ? "Call ended"
              : `Call failed${view.error ? `: ${view.error}` : ""}`;
      heard.textContent = view.phase === "live" && view.partial ? `“${view.partial}”` : "";
      mute.hidden = hangup.hidden = !active;
      close.hidden = active;
      mute.textContent = view.muted ? "Unmute" : "Mute";
      mute.setAttribute("aria-pressed", String(view.muted));
    },
  };
}
