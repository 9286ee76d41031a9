// The engine writes formulas with Unicode super- and subscripts ("(θ − 1)²", "θ₀", "λ_max"). Those
// glyphs are drawn at about half the font size, too small to read on a phone or from the back row,
// so they are turned into <sup>/<sub> elements whose size the stylesheets keep readable.
import type { ComponentChildren } from 'preact';

const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁻': '−',
  ᵀ: 'T',
};
const SUBSCRIPTS: Record<string, string> = {
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
  ᵢ: 'i',
  ₖ: 'k',
};

const sup = Object.keys(SUPERSCRIPTS).join('');
const sub = Object.keys(SUBSCRIPTS).join('');
// Runs of super/subscript glyphs, "_max"/"_min" style subscripts and "^{…}" superscripts.
const TOKEN = new RegExp(`([${sup}]+)|([${sub}]+)|_(max|min)|\\^\\{([^}]*)\\}`, 'gu');

export function mathParts(text: string): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const [, supRun, subRun, word, braced] = m;
    if (supRun) parts.push(<sup key={at}>{[...supRun].map((c) => SUPERSCRIPTS[c]).join('')}</sup>);
    else if (subRun) parts.push(<sub key={at}>{[...subRun].map((c) => SUBSCRIPTS[c]).join('')}</sub>);
    else if (word) parts.push(<sub key={at}>{word}</sub>);
    else parts.push(<sup key={at}>{braced}</sup>);
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Text from the engine, with its super- and subscripts made readable. Always text, never HTML. */
export function MathText({ text }: { text: string }) {
  return <>{mathParts(text)}</>;
}
