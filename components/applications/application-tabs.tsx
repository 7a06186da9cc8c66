import { TabsNav } from "@/components/ui/tabs";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/promotion", label: "Promotion" },
  { path: "/pipeline", label: "Pipeline" },
] as const;

/** The application's own pages: its overview, where it is promoted, and its pipeline. */
export function ApplicationTabs({
  space,
  application,
  current,
}: {
  space: string;
  application: string;
  current: (typeof TABS)[number]["label"];
}) {
  const base = `/spaces/${space}/applications/${application}`;
  return (
    <TabsNav
      aria-label="Application"
      items={TABS.map((tab) => ({
        href: `${base}${tab.path}`,
        label: tab.label,
        active: tab.label === current,
      }))}
    />
  );
}
