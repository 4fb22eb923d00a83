// The publish gate: which sentences of a translated article may reach readers, and why the
// others may not. A sentence passes when it has reached the configured state (or is MT and MT was
// allowed) and has no error-level QA finding (unless errors were allowed, which is then recorded).
import { isKept } from '../model.js';
import type { SegmentState, TranslatedArticle } from '../model.js';
import type { FindingsBySegment, ReviewFinding } from '../review/findings.js';
import { stateRank } from '../xliff/states.js';
import { isPseudo } from '../project/transition.js';

export interface GateOptions {
  minState: Exclude<SegmentState, 'new'>;
  /** Publish what is translated but not reviewed: machine translation (marked as such) and a
   *  person's unreviewed translation alike; a person's work is no less publishable than raw MT. */
  allowMt: boolean;
  /** Publish sentences with error-level QA findings. */
  allowErrors: boolean;
}

export type BlockReason = 'untranslated' | 'unreviewed' | 'pseudo' | 'qa-error';

export interface Blocker {
  segmentId: string;
  reason: BlockReason;
  /** The finding's message for `qa-error`, the state otherwise. */
  detail: string;
}

export interface GateResult {
  /** Every translatable sentence passes: the article can be published whole. */
  ready: boolean;
  /** Sentences whose translation may be published (foreign quotes always may). */
  publishable: Set<string>;
  blockers: Blocker[];
  /** Published sentences that are unreviewed machine translation. */
  machine: Set<string>;
  /** Error findings on sentences published because errors were allowed. */
  overriddenErrors: ReviewFinding[];
  /** Translatable sentences in all (foreign quotes not counted). */
  segments: number;
}

export function publishGate(doc: TranslatedArticle, findings: FindingsBySegment, options: GateOptions): GateResult {
  const result: GateResult = { ready: true, publishable: new Set(), blockers: [], machine: new Set(), overriddenErrors: [], segments: 0 };
  for (const block of doc.article.blocks) {
    for (const segment of block.segments) {
      if (isKept(block.kind)) {
        result.publishable.add(segment.id);
        continue;
      }
      result.segments++;
      const target = doc.targets.get(segment.id);
      const blockers: Blocker[] = [];
      let machine = false;
      if (!target?.content || target.state === 'new') {
        blockers.push({ segmentId: segment.id, reason: 'untranslated', detail: 'new' });
      } else if (isPseudo(target)) {
        // Pseudo-translation is a layout test, never a translation, whatever was allowed and
        // whatever state it was given (an approve, a CAT tool's confirmation).
        blockers.push({ segmentId: segment.id, reason: 'pseudo', detail: target.state });
      } else if (stateRank(target.state) < stateRank(options.minState)) {
        const isMt = target.provenance?.origin === 'mt' && target.state === 'translated';
        if (options.allowMt && target.state === 'translated') machine = isMt;
        else blockers.push({ segmentId: segment.id, reason: 'unreviewed', detail: isMt ? 'mt' : target.state });
      } else if (target.provenance?.origin === 'mt' && target.state === 'translated') {
        machine = true;
      }
      const errors = (findings.get(segment.id) ?? []).filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        if (options.allowErrors) {
          if (blockers.length === 0) result.overriddenErrors.push(...errors);
        } else {
          for (const f of errors) blockers.push({ segmentId: segment.id, reason: 'qa-error', detail: f.message });
        }
      }
      if (blockers.length === 0) {
        result.publishable.add(segment.id);
        if (machine) result.machine.add(segment.id);
      } else {
        result.ready = false;
        result.blockers.push(...blockers);
      }
    }
  }
  return result;
}

/** What blocks an article, in one line: counts by reason and the first sentences of each. */
export function describeBlockers(blockers: readonly Blocker[], minState: SegmentState): string {
  const parts: string[] = [];
  const ids = (reason: BlockReason): string[] => [...new Set(blockers.filter((b) => b.reason === reason).map((b) => b.segmentId))];
  const list = (xs: string[]): string => (xs.length > 5 ? `${xs.slice(0, 5).join(', ')}, …` : xs.join(', '));
  const plural = (n: number): string => `${n} sentence${n === 1 ? '' : 's'}`;
  const untranslated = ids('untranslated');
  if (untranslated.length > 0) parts.push(`${plural(untranslated.length)} not translated (${list(untranslated)})`);
  const unreviewed = ids('unreviewed');
  if (unreviewed.length > 0) {
    const mt = blockers.filter((b) => b.reason === 'unreviewed' && b.detail === 'mt').length;
    const translated = blockers.filter((b) => b.reason === 'unreviewed' && (b.detail === 'mt' || b.detail === 'translated')).length;
    const which = mt > 0 ? `${mt} machine translation${mt === 1 ? '' : 's'}${translated > mt ? `, ${translated - mt} by a person` : ''}` : `${translated} by a person`;
    parts.push(`${plural(unreviewed.length)} not yet ${minState}${translated > 0 ? ` (${which}; --allow-mt publishes those, MT marked)` : ''}: ${list(unreviewed)}`);
  }
  const pseudo = ids('pseudo');
  if (pseudo.length > 0) parts.push(`${plural(pseudo.length)} pseudo-translated, which is never published (${list(pseudo)})`);
  const errors = blockers.filter((b) => b.reason === 'qa-error');
  if (errors.length > 0) parts.push(`${errors.length} QA error${errors.length === 1 ? '' : 's'} (${errors.slice(0, 3).map((e) => `${e.segmentId}: ${e.detail}`).join('; ')}${errors.length > 3 ? '; …' : ''}; --allow-errors publishes them)`);
  return parts.join('; ');
}
