/**
 * "Continue by email or SMS": the link under the conversation and its form, offering only the
 * channels the workspace has (the settings say which). One form for the panel's life, so a poll's
 * redraw keeps what the customer is typing.
 */

export type HandoverMedium = "email" | "sms";

/** Where the handover stands: its form open, done (the channel it went to), the addresses to offer. */
export interface Handover {
  formOpen: boolean;
  continued: HandoverMedium | null;
  prefill: { email: string; phone: string };
}

export interface HandoverHandlers {
  emailForm(open: boolean): void;
  continueOn(medium: HandoverMedium, address: string): void;
}

type El = <K extends keyof HTMLElementTagNameMap>(tag: K, props?: Record<string, unknown>, attrs?: Record<string, string>) => HTMLElementTagNameMap[K];

const FIELD = {
  email: { label: "Your email", type: "email", autocomplete: "email", placeholder: "", button: "Continue by email", hint: "We'll send this conversation to your inbox; reply there to go on." },
  sms: { label: "Your mobile number", type: "tel", autocomplete: "tel", placeholder: "+44 7700 900123", button: "Continue by SMS", hint: "We'll text you this conversation; reply to the text to go on. Include your country code." },
} satisfies Record<HandoverMedium, Record<string, string>>;

/** What the panel says once the conversation went on elsewhere. */
export const CONTINUED_TEXT = {
  email: "This conversation continues by email: reply to our email to go on.",
  sms: "This conversation continues by SMS: reply to our text message to go on.",
} satisfies Record<HandoverMedium, string>;

export function createHandover(el: El, offered: HandoverMedium[], handlers: HandoverHandlers) {
  let medium: HandoverMedium = offered[0] ?? "email";
  let built: { form: HTMLFormElement; input: HTMLInputElement; label: HTMLElement; hint: HTMLElement; submit: HTMLButtonElement } | undefined;
  /** What was typed per channel, kept when the customer switches back and forth. */
  const typed: Record<HandoverMedium, string | null> = { email: null, sms: null };

  function show(prefill: Handover["prefill"]) {
    if (!built) return;
    const field = FIELD[medium];
    built.label.firstChild!.textContent = field.label;
    Object.assign(built.input, { type: field.type, autocomplete: field.autocomplete, placeholder: field.placeholder, name: medium === "email" ? "email" : "phone" });
    built.input.setAttribute("aria-label", field.label);
    built.input.value = typed[medium] ?? (medium === "email" ? prefill.email : prefill.phone);
    built.hint.textContent = field.hint;
    built.submit.textContent = field.button;
  }

  function build(prefill: Handover["prefill"]) {
    const form = el("form", { className: "form inline" }, { "data-testid": "widget-email-form" });
    const hint = el("p");
    if (offered.length > 1) {
      const choice = el("fieldset", { className: "choice" });
      choice.append(el("legend", { textContent: "Continue by" }));
      for (const option of offered) {
        const radio = el("input", { type: "radio", name: "medium", value: option, checked: option === medium });
        radio.addEventListener("change", () => {
          typed[medium] = built!.input.value;
          medium = option;
          show(prefill);
          built!.input.focus();
        });
        const label = el("label", { className: "radio" });
        label.append(radio, document.createTextNode(option === "email" ? "Email" : "SMS"));
        choice.append(label);
      }
      form.append(choice);
    }
    const input = el("input", { required: true, maxLength: 254 });
    const label = el("label");
    label.append(document.createTextNode(""), input);
    const submit = el("button", { className: "send", type: "submit" });
    const cancel = el("button", { className: "link", type: "button", textContent: "Cancel" });
    cancel.addEventListener("click", () => handlers.emailForm(false));
    const actions = el("div", { className: "actions" });
    actions.append(submit, cancel);
    form.append(hint, label, actions);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      handlers.continueOn(medium, input.value.trim());
    });
    built = { form, input, label, hint, submit };
    show(prefill);
  }

  return {
    /** The link that opens the form, named after what is offered. */
    link() {
      const text = offered.length > 1 ? "Continue by email or SMS" : FIELD[medium].button;
      const link = el("button", { className: "link", type: "button", textContent: text }, { "data-testid": "widget-continue-email" });
      link.addEventListener("click", () => handlers.emailForm(true));
      return link;
    },
    form(prefill: Handover["prefill"], busy: boolean) {
      if (!built) build(prefill);
      if (!built!.form.isConnected) {
        // Just opened: offer the known address and put the cursor there.
        if (!built!.input.value) show(prefill);
        queueMicrotask(() => built?.input.focus());
      }
      built!.submit.disabled = busy;
      return built!.form;
    },
  };
}
