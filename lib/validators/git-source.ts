// Git locations and container images as forms and procedures take them: repository URLs (https://
// or ssh:// only), paths and revisions inside a repository, and OCI image references. Each refuses
// bad input with a message saying what to write instead.
import { ociReferenceProblem } from "../oci-reference";
import { repositoryUrlProblem } from "../repository-url";
import { singleLineText } from "./text";

/** A Git repository URL, https:// or ssh:// only; `what` starts the control-character message. */
export function repositoryUrl(what: string) {
  return singleLineText(what)
    .trim()
    .superRefine((value, ctx) => {
      const problem = repositoryUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A container image reference: registry/path[:tag][@digest]. */
export const ZContainerImageSchema = singleLineText("Container image")
  .trim()
  .superRefine((value, ctx) => {
    const problem = ociReferenceProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A directory inside the repository, relative to its root ("." is the root itself). */
export const ZRepositoryPathSchema = singleLineText("Path")
  .trim()
  .min(1, "Enter the path in the repository, or . for its root.")
  .max(1024, "A path has at most 1024 characters.")
  .refine(
    (path) => !path.startsWith("/"),
    "Give the path from the repository root, without a leading /.",
  )
  .refine(
    (path) => !path.split("/").includes(".."),
    "The path must stay inside the repository (no ..).",
  );

/** A branch, tag or commit, as Argo CD's targetRevision takes it ("HEAD": the default branch). */
export const ZTargetRevisionSchema = singleLineText("Target revision")
  .trim()
  .min(1, "Enter a branch, tag or commit (HEAD for the default branch).")
  .max(255, "A revision has at most 255 characters.")
  .refine(
    (revision) => !/\s/.test(revision) && !revision.startsWith("-") && !revision.includes(".."),
    "A revision is a branch, tag or commit: no spaces, no '..', and not starting with '-'.",
  );
