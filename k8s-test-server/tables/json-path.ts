// The subset of Kubernetes JSONPath that CRD `additionalPrinterColumns` use in practice:
// `.a.b`, `.a[0].b`, `.a['x.y']`, `.a[*].b`. Anything fancier (filters, recursive descent)
// yields no value rather than a wrong one.
type Step = { key: string } | { index: number } | { all: true };

function parse(path: string): Step[] | undefined {
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[\*\]|\.\*/gy;
  const text = path
    .trim()
    .replace(/^\{(.*)\}$/, "$1")
    .replace(/^\$/, "");
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = re.exec(text)) !== null) {
    consumed = re.lastIndex;
    if (match[1] !== undefined) steps.push({ key: match[1] });
    else if (match[2] !== undefined) steps.push({ index: Number(match[2]) });
    else if (match[3] !== undefined || match[4] !== undefined)
      steps.push({ key: match[3] ?? match[4] ?? "" });
    else steps.push({ all: true });
  }
  return consumed === text.length ? steps : undefined;
}

/** The values `path` selects in `obj` (empty when none, or when the path is not understood). */
export function jsonPathValues(obj: unknown, path: string): unknown[] {
  const steps = parse(path);
  if (!steps) return [];
  let current: unknown[] = [obj];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if ("all" in step) {
        if (v && typeof v === "object") next.push(...(Object.values(v) as unknown[]));
      } else if ("index" in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (v && typeof v === "object" && !Array.isArray(v) && step.key in v) {
        next.push((v as Record<string, unknown>)[step.key]);
      }
    }
    current = next;
  }
  return current.filter((v) => v !== undefined);
}
