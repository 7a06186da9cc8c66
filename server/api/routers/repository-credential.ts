// Credentials for a space's private Git repositories. Viewers see which repositories have one
// (never the token or key); contributors add and rotate; owners delete.
import {
  ZCreateRepositoryCredentialSchema,
  ZFindRepositoryCredentialsSchema,
  ZRepositoryCredentialRefSchema,
  ZRotateRepositoryCredentialSchema,
} from "@/lib/validators/repository-credential";
import { createRepositoryCredential } from "@/server/services/repository-credentials/create-repository-credential";
import { deleteRepositoryCredential } from "@/server/services/repository-credentials/delete-repository-credential";
import { findRepositoryCredentials } from "@/server/services/repository-credentials/find-repository-credentials";
import { getRepositoryCredential } from "@/server/services/repository-credentials/get-repository-credential";
import { rotateRepositoryCredential } from "@/server/services/repository-credentials/rotate-repository-credential";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const repositoryCredentialRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindRepositoryCredentialsSchema)
    .query(({ ctx, input }) => findRepositoryCredentials(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZRepositoryCredentialRefSchema)
    .query(({ ctx, input }) => getRepositoryCredential(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateRepositoryCredentialSchema)
    .mutation(({ ctx, input }) => createRepositoryCredential(ctx, input)),

  rotate: spaceProcedure("contributor")
    .input(ZRotateRepositoryCredentialSchema)
    .mutation(({ ctx, input }) => rotateRepositoryCredential(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZRepositoryCredentialRefSchema)
    .mutation(({ ctx, input }) => deleteRepositoryCredential(ctx, input)),
});
