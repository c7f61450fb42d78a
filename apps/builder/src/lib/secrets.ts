/**
 * Helpers for the secrets screen. The name rule itself is `SECRET_NAME_PATTERN` of @parley/flow
 * (the same one the API and the flow validator use).
 */

/** As the person types: "crm api-token" becomes "CRM_API_TOKEN", so the usual spellings just work. */
export function toSecretName(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '_');
}

/** What a flow writes to use the secret (HTTP request URL, headers, body; custom activity inputs). */
export function secretReference(name: string): string {
  return `{{secrets.${name}}}`;
}
