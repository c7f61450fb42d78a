import { describe, expect, it } from "vitest";
import { identitiesOf, identitySearchPrefixes, InvalidIdentityError } from "./identities";
import { applyAttributeChanges, mergedAttributes, storedAttributes, TooManyAttributesError } from "./attributes";

describe("identitiesOf", () => {
  it("normalizes each identity, strongest first", () => {
    expect(identitiesOf({ visitorId: " v-1 ", phone: "+44 (0)20 7946-0958", email: " Ada@Example.COM", externalId: "crm-1" })).toEqual([
      { kind: "external", value: "crm-1" },
      { kind: "email", value: "ada@example.com" },
      { kind: "phone", value: "+442079460958" },
      { kind: "visitor", value: "v-1" },
    ]);
    expect(identitiesOf({ name: "Nobody" })).toEqual([]);
  });

  it("refuses a phone number without its country, and an address that is not one", () => {
    expect(() => identitiesOf({ phone: "020 7946 0958" })).toThrow(InvalidIdentityError);
    expect(() => identitiesOf({ email: "ada@" })).toThrow(InvalidIdentityError);
    expect(() => identitiesOf({ externalId: "   " })).toThrow(InvalidIdentityError);
  });

  it("searches a phone typed with spaces or without + by its E.164 start", () => {
    expect(identitySearchPrefixes("+44 20 79")).toEqual(["+44 20 79", "+442079"]);
    expect(identitySearchPrefixes("Ada@Example")).toEqual(["ada@example"]);
  });
});

describe("attributes", () => {
  it("keeps valid stored entries only, applies changes and keeps the kept contact's values on a merge", () => {
    expect(storedAttributes({ plan: "pro", "bad key": 1, nested: { a: 1 }, seats: 3 })).toEqual({ plan: "pro", seats: 3 });
    expect(applyAttributeChanges({ plan: "pro", trial: true }, { trial: null, seats: 4 })).toEqual({ plan: "pro", seats: 4 });
    expect(() => applyAttributeChanges({}, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])))).toThrow(TooManyAttributesError);
    expect(mergedAttributes({ plan: "pro" }, { plan: "free", company: "Navy" })).toEqual({ plan: "pro", company: "Navy" });
  });
});
