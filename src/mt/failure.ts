// A sentence an engine answered without a usable translation (an empty or malformed answer, a
// paid answer cut off on the way, an answer that cannot be stored, a sentence too long to translate
// within the timeout, a pipeline that crashes on it) is recorded on its unit as a flag naming the
// engine, so that the next run leaves it for translators instead of asking (and, for a paid engine,
// paying) again. `translate --retry-failed` asks again. A failure that may pass (429, 5xx, a
// time-out of several sentences, a refused request) is not recorded: the next run sends it again.
import type { Article, Segment, TargetSegment, TranslatedArticle } from '../model.js';
import { allSegments } from '../model.js';

export const RETRY_FAILED_HINT = 'translate --retry-failed asks again';

const PATTERN = /^no usable (\S+) translation: (.*); left for translators \(translate --retry-failed asks again\)$/su;

/** The flag a unit carries when `engine` gave no usable translation for it. */
export function failureFlag(engine: string, reason: string): string {
  return `no usable ${engine} translation: ${reason}; left for translators (${RETRY_FAILED_HINT})`;
}

/** The engine and reason of a recorded failure among a unit's flags, if it has one. */
export function recordedFailure(flags: readonly string[]): { engine: string; reason: string } | undefined {
  for (const flag of flags) {
    const match = PATTERN.exec(flag);
    if (match) return { engine: match[1]!, reason: match[2]! };
  }
  return undefined;
}

/** The units of the previous XLIFF that `engine` failed on, for sentences that did not change:
 *  they are kept as they are (no target, the flag) and not sent again. */
export function failedBefore(article: Article, previous: TranslatedArticle | undefined, engine: string): Map<string, TargetSegment> {
  const held = new Map<string, TargetSegment>();
  if (!previous) return held;
  const before = new Map<string, Segment>([...allSegments(previous.article)].map((s): [string, Segment] => [s.id, s]));
  for (const segment of allSegments(article)) {
    const target = previous.targets.get(segment.id);
    if (!target || target.content !== undefined || before.get(segment.id)?.text !== segment.text) continue;
    if (recordedFailure(target.flags)?.engine === engine) held.set(segment.id, target);
  }
  return held;
}
