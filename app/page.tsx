import { redirect } from "next/navigation";
import { requireSession } from "@/server/auth";
import { getServerApi } from "@/server/api/server";

/** Home: Getting Started until there is something left to do nowhere else, then the spaces. */
export default async function HomePage() {
  await requireSession("/");
  const api = await getServerApi();
  const { steps } = await api.gettingStarted.get();
  redirect(steps.some((step) => step.state === "todo") ? "/getting-started" : "/spaces");
}
