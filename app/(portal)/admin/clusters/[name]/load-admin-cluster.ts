import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getServerApi } from "@/server/api/server";

/** The cluster for an admin page; anyone else, or an unknown name, gets the not-found page. */
export async function loadAdminCluster(params: Promise<{ name: string }>) {
  const api = await getServerApi();
  if (!(await api.viewer.get()).isAdmin) notFound();
  const { name } = await params;
  try {
    return await api.cluster.get({ name });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
