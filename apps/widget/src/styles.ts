/**
 * The widget's CSS, inside its shadow root: the host page's styles do not reach in (`all:
 * initial` on the host resets inherited ones) and these do not leak out. `--accent` is the
 * channel's colour.
 */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { position: fixed; bottom: 20px; z-index: 2147483000; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; }
.root[data-position="right"] { right: 20px; }
.root[data-position="left"] { left: 20px; }
.bubble { position: relative; width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer; background: var(--accent); color: #fff;
  box-shadow: 0 6px 20px rgba(0,0,0,.22); display: grid; place-items: center; }
.bubble:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 45%, white); outline-offset: 2px; }
.bubble svg { width: 26px; height: 26px; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px; background: #dc2626; color: #fff;
  font-size: 12px; font-weight: 700; line-height: 20px; text-align: center; }
.panel { position: absolute; bottom: 72px; width: 370px; height: min(600px, calc(100vh - 120px)); background: #fff; border-radius: 14px;
  box-shadow: 0 12px 40px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }
.root[data-position="right"] .panel { right: 0; }
.root[data-position="left"] .panel { left: 0; }
.header { background: var(--accent); color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 10px; }
.header img { width: 32px; height: 32px; border-radius: 8px; background: #fff; object-fit: contain; }
.header .titles { flex: 1; }
.header h2 { margin: 0; font-size: 16px; font-weight: 650; flex: 1; }
.header .state { font-size: 12px; opacity: .9; }
.close { background: transparent; border: 0; color: #fff; cursor: pointer; font-size: 22px; line-height: 1; padding: 4px 8px; border-radius: 6px; }
.notice { margin: 10px 12px 0; padding: 8px 10px; border-radius: 8px; background: #fef3c7; color: #78350f; font-size: 13px; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f9fafb; }
.msg { max-width: 82%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; word-wrap: break-word; }
.msg .who { display: block; font-size: 11px; font-weight: 600; opacity: .7; margin-bottom: 2px; }
.msg.bot, .msg.agent { align-self: flex-start; background: #fff; border: 1px solid #e5e7eb; border-bottom-left-radius: 4px; }
.msg.agent { border-color: color-mix(in srgb, var(--accent) 40%, white); }
.msg.contact { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.msg.greeting { align-self: flex-start; background: #fff; border: 1px solid #e5e7eb; }
.attachment { display: block; margin-top: 6px; color: var(--accent); font-weight: 600; }
.attachment img { display: block; max-width: 100%; max-height: 180px; border-radius: 8px; }
.attachment.own { color: inherit; text-decoration: none; }
.attachment.own.image img { min-width: 60px; min-height: 40px; background: rgba(255,255,255,.25); }
.attachment.own.file { display: flex; flex-direction: column; padding: 6px 10px; border-radius: 8px; background: rgba(255,255,255,.18); border: 1px solid rgba(255,255,255,.4); }
.attachment.own.file .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.attachment.own.file .size { font-size: 11px; opacity: .85; font-weight: 400; }
.clip { border: 0; background: transparent; color: #6b7280; width: 36px; border-radius: 10px; cursor: pointer; display: grid; place-items: center; padding: 0; }
.clip svg { width: 20px; height: 20px; }
.clip:hover:not(:disabled) { color: var(--accent); background: #f3f4f6; }
.clip:disabled { opacity: .4; cursor: default; }
.panel[data-dropping="true"] .log { outline: 3px dashed var(--accent); outline-offset: -8px; }
.tools { display: flex; gap: 4px; align-items: center; }
.call-button { background: rgba(255,255,255,.18); border: 0; color: #fff; width: 34px; height: 34px; border-radius: 50%; cursor: pointer; display: grid; place-items: center; padding: 0; }
.call-button svg { width: 18px; height: 18px; }
.call-button:hover:not(:disabled) { background: rgba(255,255,255,.3); }
.call-button:disabled { opacity: .45; cursor: default; }
.call-bar { display: flex; align-items: center; gap: 8px; padding: 8px 12px; background: color-mix(in srgb, var(--accent) 10%, white); border-bottom: 1px solid color-mix(in srgb, var(--accent) 25%, white); font-size: 13px; }
.call-bar .dot { width: 10px; height: 10px; border-radius: 50%; background: #9ca3af; flex: none; }
.call-bar[data-phase="connecting"] .dot { background: #f59e0b; }
.call-bar[data-phase="live"] .dot { background: #16a34a; box-shadow: 0 0 0 4px rgba(22,163,74,.2); }
.call-bar[data-phase="live"][data-muted="true"] .dot { background: #dc2626; box-shadow: 0 0 0 4px rgba(220,38,38,.2); }
.call-bar[data-phase="failed"] { background: #fef2f2; color: #991b1b; }
.call-words { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.call-words .heard { font-size: 12px; opacity: .8; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.call-action { border: 1px solid #d1d5db; background: #fff; color: #1f2937; border-radius: 8px; padding: 4px 10px; font: inherit; font-size: 13px; cursor: pointer; }
.call-action.end { background: #dc2626; border-color: #dc2626; color: #fff; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 16px; padding: 5px 12px; cursor: pointer; font: inherit; }
.again { align-self: center; }
.chip:hover { background: color-mix(in srgb, var(--accent) 10%, white); }
.status { font-size: 12px; color: #6b7280; text-align: center; padding: 4px 0; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e5e7eb; background: #fff; }
.composer textarea { flex: 1; resize: none; border: 1px solid #d1d5db; border-radius: 10px; padding: 8px 10px; font: inherit; height: 40px; color: inherit; }
.send { border: 0; border-radius: 10px; background: var(--accent); color: #fff; padding: 0 14px; font: inherit; font-weight: 600; cursor: pointer; }
.send:disabled, .chip:disabled { opacity: .5; cursor: default; }
.form { padding: 16px; display: flex; flex-direction: column; gap: 10px; }
.form p { margin: 0 0 4px; }
.form label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; font-weight: 600; }
.form input { border: 1px solid #d1d5db; border-radius: 8px; padding: 8px 10px; font: inherit; font-weight: 400; color: inherit; }
.form .send { padding: 10px; }
.error { color: #b91c1c; font-size: 13px; }
.link { align-self: center; border: 0; background: transparent; color: var(--accent); font: inherit; font-size: 13px; text-decoration: underline; cursor: pointer; padding: 2px 6px; }
.form.inline { padding: 12px; background: #fff; border: 1px solid #e5e7eb; border-radius: 12px; }
.form .actions { display: flex; gap: 8px; align-items: center; }
.form .actions .send { flex: 1; }
.form .choice { border: 0; margin: 0; padding: 0; display: flex; gap: 16px; align-items: center; font-size: 13px; }
.form .choice legend { float: left; margin-right: 4px; padding: 0; font-weight: 600; }
.form label.radio { flex-direction: row; align-items: center; gap: 6px; font-weight: 400; cursor: pointer; }
.form label.radio input { accent-color: var(--accent); margin: 0; padding: 0; border: 0; }
.moved { color: #065f46; background: #ecfdf5; border-radius: 8px; padding: 8px; }
@media (max-width: 480px) {
  .root { bottom: 12px; }
  .root[data-position="right"] { right: 12px; }
  .root[data-position="left"] { left: 12px; }
  .root[data-open="true"] .bubble { display: none; }
  .panel { position: fixed; inset: 0; width: 100vw; height: 100%; border-radius: 0; bottom: 0; }
}
`;
