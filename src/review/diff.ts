// Word-level difference between the machine translation and the text a reviewer kept, for the
// review page. `diff` (jsdiff) does the Myers diff; whitespace runs are tokens of their own so the
// kept parts plus the removed parts give back the MT text exactly, and kept plus added the target.
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
