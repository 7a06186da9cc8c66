import Link from "next/link";

/** A list row's first cell: the display name linking to the item, its DNS name below in mono. */
export function LinkedName({
  href,
  displayName,
  name,
}: {
  href: string;
  displayName: string;
  name: string;
}) {
  return (
    <>
      <Link href={href} className="font-medium hover:underline">
        {displayName}
      </Link>
      <div className="text-muted-foreground font-mono text-xs">{name}</div>
    </>
  );
}
