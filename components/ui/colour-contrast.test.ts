// The design tokens' text/background pairs meet WCAG AA (4.5:1) in both themes. axe checks the
// pages the e2e suite visits, but only in the light theme; the dark tokens are checked here, from
// app/globals.css itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CSS = readFileSync(path.join(import.meta.dirname, "..", "..", "app", "globals.css"), "utf8");

type TRgb = [number, number, number];

function tokensOf(selector: string): Record<string, TRgb> {
  const start = CSS.indexOf(`${selector} {`);
  const block = CSS.slice(start, CSS.indexOf("}", start));
  const tokens: Record<string, TRgb> = {};
  for (const match of block.matchAll(/--([a-z-]+):\s*oklch\(([\d.]+) ([\d.]+) ([\d.]+)\);/g))
    tokens[match[1]!] = oklchToLinearRgb(Number(match[2]), Number(match[3]), Number(match[4]));
  return tokens;
}

/** OKLCH to linear sRGB (Björn Ottosson's matrices), clamped to the sRGB gamut. */
function oklchToLinearRgb(l: number, c: number, hue: number): TRgb {
  const a = c * Math.cos((hue * Math.PI) / 180);
  const b = c * Math.sin((hue * Math.PI) / 180);
  const l3 = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m3 = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s3 = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb = [
    4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
    -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
    -0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3,
  ];
  return rgb.map((x) => Math.min(1, Math.max(0, x))) as TRgb;
}

const encode = (x: number) => (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055);
const decode = (x: number) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);

/** `colour` at `alpha` over `under`, blended as browsers do (in encoded sRGB). */
function over(colour: TRgb, alpha: number, under: TRgb): TRgb {
  return colour.map((x, i) => decode(alpha * encode(x) + (1 - alpha) * encode(under[i]!))) as TRgb;
}

function contrast(a: TRgb, b: TRgb): number {
  const luminance = ([r, g, b2]: TRgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** [text token, background token, background alpha over `surface`] as the components use them. */
const PAIRS: [string, string, number][] = [
  ["foreground", "background", 1],
  ["muted-foreground", "background", 1],
  ["muted-foreground", "muted", 1],
  ["muted-foreground", "card", 1],
  ["muted-foreground", "sidebar", 1],
  ["muted-foreground", "accent", 1],
  ["accent-foreground", "accent", 1],
  ["primary-foreground", "primary", 1],
  ["secondary-foreground", "secondary", 1],
  ["destructive-foreground", "destructive", 1],
  ["warning-foreground", "warning", 1],
  ["primary", "background", 1], // links
  ["destructive", "background", 1], // field errors
  ["success", "success", 0.1], // Badge variant="success"
  ["destructive", "destructive", 0.1], // Badge variant="destructive"
];

describe.each([":root", ".dark"])("colour contrast of the %s tokens", (selector) => {
  const tokens = tokensOf(selector);
  const light = tokensOf(":root");
  const token = (name: string) => tokens[name] ?? light[name]!;

  it.each(PAIRS)("%s on %s (alpha %s) reaches 4.5:1", (text, background, alpha) => {
    for (const surface of ["background", "card"]) {
      const behind = over(token(background), alpha, token(surface));
      expect(contrast(token(text), behind), `over ${surface}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
