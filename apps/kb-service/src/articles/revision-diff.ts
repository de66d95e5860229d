import { KbDiffPart, KbFieldDiff } from '@helpdesk/contracts';
import { Change, diffLines, diffWordsWithSpace } from 'diff';
import { ArticleContent } from './article-fields';

function parts(changes: Change[]): KbDiffPart[] {
  return changes.map((change) => ({ op: change.added ? 'added' : change.removed ? 'removed' : 'equal', text: change.value }));
}

function textDiff(field: string, before: string, after: string, byLine: boolean): KbFieldDiff {
  const changes: Change[] =
    before === after
      ? [{ value: after, added: false, removed: false, count: 1 }]
      : byLine
        ? diffLines(before, after)
        : diffWordsWithSpace(before, after);
  return { field, changed: before !== after, parts: parts(changes).filter((part) => part.text !== '') };
}

/**
 * What changed between two revisions of an article, field by field: the body line by line, the
 * title and summary word by word, and tags, category and visibility as whole values.
 */
export function diffRevisions(from: ArticleContent, to: ArticleContent): KbFieldDiff[] {
  return [
    textDiff('title', from.title, to.title, false),
    textDiff('summary', from.summary, to.summary, false),
    textDiff('body', from.body, to.body, true),
    textDiff('tags', from.tags.join(', '), to.tags.join(', '), false),
    textDiff('categoryId', from.categoryId ?? '', to.categoryId ?? '', true),
    textDiff('visibility', from.visibility, to.visibility, true),
  ];
}
