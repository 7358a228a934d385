/**
 * The booklet's running head: one line of small type over the rule at the
 * head of every text page. A running head is one line: a second would stand
 * on the rule (page review look17, both stress documents: the rule struck
 * through the title's second line on every text page). Which words it
 * carries, as a publisher decides it:
 *
 * 1. the metadata's `runningHead:`, the editor's short title, when it fits;
 * 2. else the title, when it fits;
 * 3. else the title's part before a colon, the title proper without its
 *    subtitle («A Programme for Community Printing»), when that fits;
 * 4. else none: the page keeps its folio, no head and no rule.
 *
 * warraq never shortens the words in any other way (no cut mid-phrase, no
 * ellipsis); 3 and 4, and a `runningHead:` too long for the line, are
 * warnings (W-RUNNING-HEAD) with the place of the words and a hint naming
 * the metadata key.
 */
import { makeDiagnostic } from '../src/parse/report.js';
import type { Diagnostic } from '../src/diagnostics.js';
import type { DocumentModel } from '../src/model/types.js';

interface RunningHeadChoice {
  /** The words of the running head; undefined: the text pages have none. */
  text?: string;
  /** Why it is not the title or the editor's short title, when it is not. */
  warning?: Diagnostic;
}

/** The title proper: the part before the first colon («Title: Subtitle»), when it holds two words or more. */
export function titleProper(title: string): string | undefined {
  const at = title.search(/[:：]\s/);
  if (at < 0) return undefined;
  const head = title.slice(0, at).trim();
  return head.split(/\s+/).length >= 2 ? head : undefined;
}

/** The running head of `model`'s booklet; `fits` says whether a text sets on one line in its style and measure. */
export function runningHeadFor(model: DocumentModel, fits: (text: string) => boolean): RunningHeadChoice {
  const own = model.runningHead;
  if (own) {
    if (fits(own.text)) return { text: own.text };
    return {
      warning: makeDiagnostic('W-RUNNING-HEAD', 'warning', own.place, 'the running head does not fit one line: the booklet\u2019s text pages are printed without one', {
        expected: 'a running head that fits one line of the text pages\u2019 measure in the running head\u2019s small type',
        found: `«${own.text}»`,
        hint: 'shorten runningHead: in the metadata file',
      }),
    };
  }
  if (fits(model.title)) return { text: model.title };
  const proper = titleProper(model.title);
  const hint = 'give the booklet a short title for its running heads: runningHead: in the metadata file (NAME.meta.yaml)';
  const expected = 'a title that fits one line of the running head, or a runningHead: in the metadata';
  if (proper && fits(proper)) {
    return {
      text: proper,
      warning: makeDiagnostic('W-RUNNING-HEAD', 'warning', model.titlePlace, `the title does not fit the running head\u2019s one line: its part before the colon, «${proper}», is printed there`, { expected, found: `«${model.title}»`, hint }),
    };
  }
  return {
    warning: makeDiagnostic('W-RUNNING-HEAD', 'warning', model.titlePlace, 'the title does not fit the running head\u2019s one line: the booklet\u2019s text pages are printed without one', { expected, found: `«${model.title}»`, hint }),
  };
}
