/**
 * The workbook's one stylesheet (`xl/styles.xml`): a cell format per `Style` of sheets.ts, the same for every
 * ladder. Text styles use the number format `@` (text), so what a person later types into such a cell stays
 * text too, never a formula.
 */
import type { Style } from "./sheets.js";

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
const FONTS = [
  `<font>${FONT}</font>`,
  `<font><b/>${FONT}</font>`,
  `<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>`,
  `<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>`,
  `<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font>`,
];
const solid = (rgb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
/** The first two fills are the ones the format reserves. */
const FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  solid("FFD9E1F2"),
  solid("FFEDEDED"),
  solid("FFE2EFDA"),
];
const side = (name: string) => `<${name} style="thin"><color rgb="FFBFBFBF"/></${name}>`;
const BORDERS = [
  "<border><left/><right/><top/><bottom/><diagonal/></border>",
  `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`,
];

interface Format {
  font: number;
  fill: number;
  border: number;
  wrap: boolean;
  /** 49 is the built-in text format `@`; 0 is General (for numbers). */
  numFmt: 0 | 49;
}

const FORMATS: Record<Style, Format> = {
  header: { font: 1, fill: 2, border: 1, wrap: true, numFmt: 49 },
  category: { font: 1, fill: 3, border: 1, wrap: true, numFmt: 49 },
  name: { font: 1, fill: 0, border: 1, wrap: true, numFmt: 49 },
  text: { font: 0, fill: 0, border: 1, wrap: true, numFmt: 49 },
  notApplicable: { font: 2, fill: 0, border: 1, wrap: true, numFmt: 49 },
  notApplicableLong: { font: 2, fill: 0, border: 0, wrap: true, numFmt: 49 },
  plain: { font: 0, fill: 0, border: 0, wrap: false, numFmt: 49 },
  number: { font: 0, fill: 0, border: 0, wrap: false, numFmt: 0 },
  wrapped: { font: 0, fill: 0, border: 0, wrap: true, numFmt: 49 },
  title: { font: 3, fill: 0, border: 0, wrap: true, numFmt: 49 },
  label: { font: 1, fill: 0, border: 0, wrap: false, numFmt: 49 },
  link: { font: 4, fill: 0, border: 0, wrap: false, numFmt: 49 },
  // Shaded: text a track inherits from its base (the About sheet says so, and from which ladder).
  inheritedName: { font: 1, fill: 4, border: 1, wrap: true, numFmt: 49 },
  inheritedText: { font: 0, fill: 4, border: 1, wrap: true, numFmt: 49 },
  inheritedLong: { font: 0, fill: 4, border: 0, wrap: true, numFmt: 49 },
};

const ORDER = Object.keys(FORMATS) as Style[];

/** The `s` attribute of a cell in each style: its index in `cellXfs` (0 is the default format). */
export const STYLE_INDEX = Object.fromEntries(ORDER.map((style, i) => [style, i + 1])) as Record<Style, number>;

const xf = ({ font, fill, border, wrap, numFmt }: Format) =>
  `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
  `${numFmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}${fill ? ' applyFill="1"' : ""}` +
  `${border ? ' applyBorder="1"' : ""} applyAlignment="1"><alignment vertical="top"${wrap ? ' wrapText="1"' : ""}/></xf>`;

const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;

/** `xl/styles.xml`. */
export const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  list("fonts", FONTS) +
  list("fills", FILLS) +
  list("borders", BORDERS) +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  list("cellXfs", [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    ...ORDER.map((s) => xf(FORMATS[s])),
  ]) +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  "</styleSheet>";
