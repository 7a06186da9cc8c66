import { describe, expect, it } from "vitest";
import { roleAtLeast, SPACE_ROLES, ZSpaceNameSchema, type TSpaceRole } from "./space";

/** The messages of every issue the schema reports for `value`; fails the test if it parses. */
function messagesFor(value: string): string[] {
  const result = ZSpaceNameSchema.safeParse(value);
  if (result.success)
    throw new Error(`expected ${JSON.stringify(value)} to be rejected, got ${result.data}`);
  return result.error.issues.map((issue) => issue.message);
}

describe("ZSpaceNameSchema", () => {
  it.each([
    ["a", "a"],
    ["payments-2", "payments-2"],
    ["9lives", "9lives"],
    ["a".repeat(63), "a".repeat(63)],
    ["  payments  ", "payments"],
  ])("accepts %j as %j", (value, parsed) => {
    expect(ZSpaceNameSchema.parse(value)).toBe(parsed);
  });

  it.each([
    ["", "Name is required."],
    ["   ", "Name is required."],
    ["Payments", "Use only lower-case letters, digits and hyphens."],
    ["pay_ments", "Use only lower-case letters, digits and hyphens."],
    ["pay ments", "Use only lower-case letters, digits and hyphens."],
    ["-payments", "Name must start with a letter or digit."],
    ["payments-", "Name must end with a letter or digit."],
    ["a".repeat(64), "Name must be at most 63 characters."],
    ["new", "This name is reserved; choose another."],
    ["default", "This name is reserved; choose another."],
    ["kube-system", "This name is reserved; choose another."],
    ["kube-anything", "This name is reserved; choose another."],
  ])("rejects %j with %j", (value, message) => {
    expect(messagesFor(value)).toContain(message);
  });

  it("reports only the relevant message for a single mistake", () => {
    expect(messagesFor("pay_ments")).toEqual(["Use only lower-case letters, digits and hyphens."]);
    expect(messagesFor("-payments")).toEqual(["Name must start with a letter or digit."]);
    expect(messagesFor("payments-")).toEqual(["Name must end with a letter or digit."]);
    expect(messagesFor("a".repeat(64))).toEqual(["Name must be at most 63 characters."]);
    expect(messagesFor("new")).toEqual(["This name is reserved; choose another."]);
  });

  it("reserves only the exact names and the kube- prefix, not look-alikes", () => {
    for (const name of ["news", "renew", "defaults", "kube", "kubernetes", "my-kube-system"]) {
      expect(ZSpaceNameSchema.safeParse(name).success, name).toBe(true);
    }
  });
});

describe("roleAtLeast", () => {
  const rank: Record<TSpaceRole, number> = { viewer: 0, contributor: 1, owner: 2 };
  const table: [TSpaceRole, TSpaceRole, boolean][] = [
    ["viewer", "viewer", true],
    ["viewer", "contributor", false],
    ["viewer", "owner", false],
    ["contributor", "viewer", true],
    ["contributor", "contributor", true],
    ["contributor", "owner", false],
    ["owner", "viewer", true],
    ["owner", "contributor", true],
    ["owner", "owner", true],
  ];

  it("the table covers every pair of roles", () => {
    const pairs = new Set(table.map(([role, minimum]) => `${role}/${minimum}`));
    expect(pairs.size).toBe(SPACE_ROLES.length ** 2);
    for (const role of SPACE_ROLES)
      for (const minimum of SPACE_ROLES) expect(pairs).toContain(`${role}/${minimum}`);
  });

  it.each(table)("roleAtLeast(%s, %s) is %s", (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
    expect(expected).toBe(rank[role] >= rank[minimum]);
  });
});
