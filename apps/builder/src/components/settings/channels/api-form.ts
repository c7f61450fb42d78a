import type { ApiChannel } from '@/lib/api-types';

/** The custom (API) channel form's state; the signing secret is Parley's and never typed here. */
export interface ApiForm {
  name: string;
  flowId: string;
  callbackUrl: string;
}

export const newApiForm = (flowId: string): ApiForm => ({ name: 'Custom integration', flowId, callbackUrl: '' });

export const apiFormOf = (channel: ApiChannel): ApiForm => ({ name: channel.name, flowId: channel.flow?.id ?? '', callbackUrl: channel.config.callbackUrl ?? '' });

/** What the channels router takes for this form. */
export const apiInput = (form: ApiForm) => ({ kind: 'api' as const, name: form.name.trim(), flowId: form.flowId, config: { callbackUrl: form.callbackUrl.trim() || null } });

/** A signed request an integration can try from a shell (bash: openssl computes the HMAC). */
export function curlExample(inboundUrl: string): string {
  return [
    `BODY='{"conversation":"thread-1","sender":{"id":"user-1","name":"Ada"},"message":{"id":"msg-1","text":"Hello"}}'`,
    `T=$(date +%s)`,
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$PARLEY_SECRET" -hex | sed 's/^.* //')`,
    `curl -sS -X POST '${inboundUrl}' -H 'content-type: application/json' -H "x-parley-signature: t=$T,v1=$SIG" -d "$BODY"`,
  ].join('\n');
}
