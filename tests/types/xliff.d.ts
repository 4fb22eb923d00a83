// The part of the `xliff` package (no published types) the interop tests use: i18next-style
// resources per namespace (the file's `original`) and key (the unit's id).
declare module 'xliff' {
  export type XliffInline = string | Record<string, Record<string, string>>;
  export interface XliffUnit {
    source: XliffInline | XliffInline[];
    target?: XliffInline | XliffInline[];
  }
  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function xliff12ToJs(xml: string): Promise<XliffJs>;
  export function xliff2js(xml: string): Promise<XliffJs>;
  /** XLIFF 1.2 / 2.0 of one namespace from key → string maps, as i18next's tools and locize write it. */
  export function createxliff12(srcLang: string, trgLang: string, srcKeys: Record<string, string>, trgKeys: Record<string, string>, ns: string): Promise<string>;
  export function createxliff(srcLang: string, trgLang: string, srcKeys: Record<string, string>, trgKeys: Record<string, string>, ns: string): Promise<string>;
}
