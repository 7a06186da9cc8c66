/** After "Connect" comes back (?connected=<cluster>): say it worked. */
export function ConnectedNotice({ cluster }: { cluster: string | string[] | undefined }) {
  if (typeof cluster !== "string" || cluster === "") return null;
  return (
    <p role="status" className="text-sm">
      Connected to <span className="font-mono">{cluster}</span>: Slipway now acts there as you.
    </p>
  );
}
