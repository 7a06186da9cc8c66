import { describe, expect, it } from "vitest";
import { maskEmailsDeep, maskEmailsIn } from "./mask-email";

describe("maskEmailsIn", () => {
  it("keeps the first character and the domain of an address", () => {
    expect(maskEmailsIn("alice@example.com")).toBe("a…@example.com");
    expect(maskEmailsIn("Dana.Smith+ops@Mail.Example.CO.UK")).toBe("D…@Mail.Example.CO.UK");
  });

  it("masks every address inside longer text and leaves the rest alone", () => {
    expect(maskEmailsIn("invited bob@example.com and carol@example.org (viewer)")).toBe(
      "invited b…@example.com and c…@example.org (viewer)",
    );
    expect(maskEmailsIn("<x@y.io>, 'q@r.net'")).toBe("<x…@y.io>, 'q…@r.net'");
  });

  it("leaves text without an address unchanged, including a bare @ and a domain without a dot", () => {
    for (const text of ["olivia", "", "@home", "meet @ noon", "root@localhost", "a@b"]) {
      expect(maskEmailsIn(text)).toBe(text);
    }
  });

  it("is stable: masking a masked address changes nothing", () => {
    const once = maskEmailsIn("alice@example.com");
    expect(maskEmailsIn(once)).toBe(once);
  });

  it("keeps a non-ASCII first character whole", () => {
    expect(maskEmailsIn("😀x@example.com")).toBe("😀…@example.com");
    expect(maskEmailsIn("émile@exemple.fr")).toBe("é…@exemple.fr");
  });
});

describe("maskEmailsDeep", () => {
  it("masks strings at any depth, in arrays and in object keys, and keeps other values", () => {
    const at = new Date("2024-01-01T00:00:00Z");
    expect(
      maskEmailsDeep({
        user: "bob@example.com",
        role: "viewer",
        count: 3,
        flag: true,
        none: null,
        at,
        list: ["x", "carol@example.com", { deeper: ["dave@example.com"] }],
        "erin@example.com": "key",
      }),
    ).toEqual({
      user: "b…@example.com",
      role: "viewer",
      count: 3,
      flag: true,
      none: null,
      at,
      list: ["x", "c…@example.com", { deeper: ["d…@example.com"] }],
      "e…@example.com": "key",
    });
  });

  it("handles a bare string, null and undefined", () => {
    expect(maskEmailsDeep("frank@example.com")).toBe("f…@example.com");
    expect(maskEmailsDeep(null)).toBeNull();
    expect(maskEmailsDeep(undefined)).toBeUndefined();
  });
});
