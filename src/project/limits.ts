// Size limits of the project's files, in one place so that whatever pereklad writes it can read
// back: a source article is refused before any MT is paid when its XLIFF could outgrow what the
// XLIFF reader accepts. Measured: an article's XLIFF 1.2 is 2-3.5 times its source (the skeleton,
// the source and the target of every sentence, escaping), so 8 MiB of source stays well under the
// 64 MiB XLIFF limit. A news article is tens of KiB; 8 MiB is a book.
export const SOURCE_MAX_BYTES = 8 * 1024 * 1024;
export const XLIFF_MAX_BYTES = 64 * 1024 * 1024;
/** TMX files under tm/: a whole newsroom's memory. */
/** pereklad.config.json: settings, never data. */
export const CONFIG_MAX_BYTES = 1024 * 1024;
export const TMX_MAX_BYTES = 256 * 1024 * 1024;
