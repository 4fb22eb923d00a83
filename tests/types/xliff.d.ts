// The part of the `xliff` package (no published types) the interop test reads: i18next-style
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
}
