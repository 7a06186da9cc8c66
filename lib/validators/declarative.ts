// The declarative API's inputs: a space to export, or YAML to plan and apply into one.
import type { z } from "zod";
import { ZSpaceRefSchema } from "./space";
import { multiLineText } from "./text";

/** As large as the server reads (server/services/declarative/read-stream.ts counts bytes). */
export const MAX_YAML_CHARACTERS = 1024 * 1024;

export const ZExportSpaceSchema = ZSpaceRefSchema;

export const ZImportYamlSchema = ZSpaceRefSchema.extend({
  yaml: multiLineText("The YAML")
    .refine((yaml) => yaml.trim() !== "", "Paste or upload the YAML to import.")
    .refine(
      (yaml) => yaml.length <= MAX_YAML_CHARACTERS,
      `The YAML must be at most ${MAX_YAML_CHARACTERS / 1024} KiB; import it in parts.`,
    ),
});
export type TImportYaml = z.infer<typeof ZImportYamlSchema>;
