// Space input schemas, shared by the tRPC procedures (server) and the forms (browser).
import { z } from "zod";
import { dnsLabelName } from "./dns-label";
import { ZPageInputSchema } from "./pagination";
import { multiLineText, singleLineText } from "./text";

export const SPACE_ROLES = ["owner", "contributor", "viewer"] as const;
export type TSpaceRole = (typeof SPACE_ROLES)[number];

// "new" would shadow the /spaces/new route; "kube-" is Kubernetes' reserved namespace prefix.
const RESERVED_SPACE_NAMES = new Set(["new", "default"]);

export const ZSpaceNameSchema = dnsLabelName().refine(
  (name) => !RESERVED_SPACE_NAMES.has(name) && !name.startsWith("kube-"),
  {
    message: "This name is reserved; choose another.",
  },
);

export const ZDisplayNameSchema = singleLineText("Display name")
  .trim()
  .min(1, "Display name is required.")
  .max(100, "Display name must be at most 100 characters.");

export const ZDescriptionSchema = multiLineText("Description")
  .trim()
  .max(1000, "Description must be at most 1000 characters.");

export const ZCreateSpaceSchema = z.object({
  name: ZSpaceNameSchema,
  displayName: ZDisplayNameSchema,
  description: ZDescriptionSchema.default(""),
});
export type TCreateSpace = z.infer<typeof ZCreateSpaceSchema>;

export const ZSpaceRefSchema = z.object({ space: ZSpaceNameSchema });

export const ZUpdateSpaceSchema = ZSpaceRefSchema.extend({
  displayName: ZDisplayNameSchema,
  description: ZDescriptionSchema,
});
export type TUpdateSpace = z.infer<typeof ZUpdateSpaceSchema>;

export const ZDeleteSpaceSchema = ZSpaceRefSchema.extend({
  confirmName: singleLineText("The confirmation")
    .trim()
    .min(1, "Type the space name to confirm.")
    .max(63, "Type the space name to confirm."),
});

export const ZSearchQuerySchema = singleLineText("Search")
  .trim()
  .max(100, "Search must be at most 100 characters.");

export const ZFindSpacesSchema = ZPageInputSchema.extend({
  query: ZSearchQuerySchema.optional(),
});
export type TFindSpaces = z.infer<typeof ZFindSpacesSchema>;

export const ZSpaceRoleSchema = z.enum(SPACE_ROLES, {
  message: "Choose owner, contributor or viewer.",
});

/** A user id as Slipway issues them (Auth.js uses UUIDs); bounded so a bad one is a 400, not a query. */
export const ZUserIdSchema = singleLineText("User id")
  .min(1, "User id is required.")
  .max(100, "User id must be at most 100 characters.");

export const ZMemberRefSchema = ZSpaceRefSchema.extend({ userId: ZUserIdSchema });

export const ZUpdateMemberRoleSchema = ZMemberRefSchema.extend({ role: ZSpaceRoleSchema });

export const ZFindMembersSchema = ZSpaceRefSchema.merge(ZPageInputSchema);

export const ZFindActivitySchema = ZSpaceRefSchema.merge(ZPageInputSchema);

const ROLE_RANK: Record<TSpaceRole, number> = { viewer: 0, contributor: 1, owner: 2 };

export function roleAtLeast(role: TSpaceRole, minimum: TSpaceRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
