// A Secret's `data` (base64 of UTF-8), the shape the API server stores and a watch delivers.
export const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

export function secretData(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, base64(value)]));
}
