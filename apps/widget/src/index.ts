import { widgetApi } from "./api";
import { WidgetConversation } from "./conversation";
import { createView } from "./view";
import { refusal } from "./files";
import { WidgetCall } from "./call";
import { createCallView } from "./call-view";

/**
 * The embed snippet's script:
 *   <script src="https://parley.example.com/widget.js" data-channel="PUBLIC_ID" async></script>
 * It talks to the server it was loaded from (or `data-api`), and puts the chat bubble on the page
 * once the channel's settings say it may (an unknown channel or a page of another origin shows
 * nothing and says why in the console).
 */
async function boot(script: HTMLScriptElement | null): Promise<void> {
  const channel = script?.dataset.channel;
  if (!script || !channel) {
    console.warn("[parley] widget: the script tag needs data-channel");
    return;
  }
  const apiBase = script.dataset.api ?? new URL(script.src).origin;
  const api = widgetApi(apiBase, channel);
  let settings;
  try {
    settings = await api.settings();
  } catch (err) {
    console.warn(`[parley] widget not shown: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const conversation = new WidgetConversation(api, channel, settings.preChatForm);
  const view = createView(settings, {
    toggle: () => conversation.toggle(),
    send: (text) => void conversation.send(text),
    submitForm: (contact) => void conversation.start(contact),
    restart: () => conversation.restart(),
    emailForm: (open) => conversation.toggleEmailForm(open),
    continueOn: (medium, address) => void conversation.continueOn(medium, address),
    sendFile: (file) => {
      const refused = settings.uploads ? refusal(file, settings.uploads.maxBytes) : "This chat does not take files";
      if (refused) conversation.refuse(refused);
      else void conversation.sendFile(file);
    },
    fileUrl: (fileId) => conversation.files.url(fileId),
  });
  conversation.attach(view);
  if (settings.voice) {
    // The call button: the same conversation, by voice through the gateway.
    const call = new WidgetCall(apiBase, (state) => callView.render(state));
    const callView = createCallView({
      // Calls go on in the conversation: one opens first if needed (after the pre-chat form).
      start: async () => {
        const credentials = await conversation.credentials();
        if (credentials) await call.start(credentials.conversationId, credentials.token);
        else conversation.refuse("Fill in the form to start the chat, then call.");
      },
      hangup: () => call.hangup(),
      mute: (muted) => call.setMuted(muted),
    });
    view.tools.append(callView.start);
    view.header.after(callView.bar);
  }
  document.body.append(view.host);
  await conversation.resume();
  // Says the saved conversation (if any) is loaded: for tests and for pages that wait on the widget.
  view.host.dataset.ready = "true";
}

void boot(document.currentScript as HTMLScriptElement | null);
