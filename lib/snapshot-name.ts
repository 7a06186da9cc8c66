/**
 * A snapshot name to start from: the application's name and the time to the second (UTC), as a
 * DNS label, e.g. "shop-20261124183005".
 */
export function suggestSnapshotName(application: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return `${application.slice(0, 48).replace(/-+$/, "")}-${stamp}`;
}
