import { createServer } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./auth-server";

export interface SsoPerson {
  email: string;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** Makes `accountId` a person the provider knows (its `sub`), with these claims. */
  addPerson(accountId: string, person: SsoPerson): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on a loopback port, with one
 * confidential client whose only redirect URI is the API's callback, PKCE required of it, and
 * the library's development login and consent pages (any password; the login field is the
 * account id). Plain http on loopback is fine for the code flow: no feature used here needs TLS.
 */
export async function startOidcProvider(callbackUrl: string): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const people = new Map<string, SsoPerson>();
  const clientId = "parley-test";
  const clientSecret = "parley-test-client-secret-0123456789";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [callbackUrl],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // Confidential clients may skip PKCE by default; ours must use it.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: person.email, email_verified: true, name: person.name }) };
    },
    // The interaction and session cookies are signed.
    cookies: { keys: ["parley-test-oidc-cookie-key"] },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    addPerson: (accountId, person) => void people.set(accountId, person),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin, as a browser keeps them (path and expiry are not needed for these flows). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map<string, string>()).entries()].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  keep(url: URL, response: Response): void {
    const cookies = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = !value || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=thu, 01 jan 1970/i.test(attribute));
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

/**
 * Walks a browser's redirects from `start`, answering the provider's development login (as
 * `accountId`) and consent pages on the way, until a redirect leaves for `stopAt`'s origin
 * outside the API, or a page that is not a redirect. Returns the last response and its URL.
 */
export async function browseThroughSso(
  jar: CookieJar,
  start: URL,
  options: { accountId: string; stopAtOrigin: string },
): Promise<{ url: URL; response: Response }> {
  let url = start;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
    jar.keep(url, response);
    init = {};
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin === options.stopAtOrigin) return { url: next, response };
      url = next;
      continue;
    }
    const page = response.status === 200 && response.headers.get("content-type")?.includes("text/html") ? await response.text() : "";
    const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!prompt || !action) return { url, response };
    // The development pages' forms: login takes any password, consent grants what was asked.
    const form = new URLSearchParams(prompt === "login" ? { prompt, login: options.accountId, password: "any" } : { prompt });
    url = new URL(action, url);
    init = { method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error(`too many redirects from ${start.href}`);
}
