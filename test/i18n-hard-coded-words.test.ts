/**
 * A patient-facing component says nothing in English of its own: every word it shows comes from the
 * message catalogues (web/src/i18n/messages/), so it reads the same in every language. The
 * TypeScript compiler reads each file; text between tags, the string props that people read or
 * hear (labels, titles, placeholders, button words) and strings written straight into JSX fail the
 * test when they hold a word. Numbers, punctuation and unit symbols (mA, min, %) are not words.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The patient-facing files; where a file also holds clinician components, the patient's ones by name. */
const PATIENT_FACING: Record<string, readonly string[] | 'all'> = {
  'web/src/app.tsx': 'all',
  'web/src/pages/login.tsx': 'all',
  'web/src/pages/patient-home.tsx': 'all',
  'web/src/pages/account.tsx': 'all',
  'web/src/pages/set-password.tsx': 'all',
  'web/src/pages/handout.tsx': 'all',
  'web/src/pages/session.tsx': 'all',
  'web/src/player/player.tsx': 'all',
  'web/src/player/playing.tsx': 'all',
  'web/src/player/report.tsx': 'all',
  'web/src/components/electrode-placement.tsx': 'all',
  'web/src/components/exercise-list.tsx': 'all',
  'web/src/components/trajectory-chart.tsx': 'all',
  'web/src/components/sessions.tsx': 'all',
  'web/src/components/section.tsx': 'all',
  'web/src/components/lefs-items.tsx': 'all',
  'web/src/components/comfort-pain-trend.tsx': 'all',
  'web/src/player/kept-logs.tsx': 'all',
  'web/src/components/reminders.tsx': 'all',
  'web/src/forms/new-password.tsx': 'all',
  'web/src/forms/schema-field.tsx': 'all',
  'web/src/forms/choice-field.tsx': 'all',
  'web/src/components/questionnaires.tsx': [
    'AnswerForm',
    'DueLefs',
    'RatingSelect',
    'DuePsfs',
    'PsfsForm',
    'DuePain',
    'DueQuestionnaire',
    'QuestionnaireTrendsForPatient',
  ],
};

/** Props that carry code, not words: class names, ids, addresses, input kinds, chart keys, SVG layout. */
const CODE_PROPS = new Set([
  'className',
  'id',
  'key',
  'type',
  'name',
  'href',
  'htmlFor',
  'role',
  'autoComplete',
  'inputMode',
  'rel',
  'target',
  'scope',
  'dataKey',
  'kind',
  'stroke',
  'fill',
  'strokeDasharray',
  'verticalAlign',
  'textAnchor',
  'aria-hidden',
  'aria-live',
  'aria-current',
  'aria-labelledby',
  'aria-describedby',
  'aria-invalid',
  'aria-busy',
  'defaultValue',
  'value',
]);
/** Unit symbols, and the product's name, read the same in every language. */
const NOT_WORDS = new Set(['mA', 'min', 'Hz', 'µs', 'cm', 'kg', 'Myotrophy']);

/** The words of a text, leaving out numbers, punctuation, unit symbols and the product's name. */
function wordsIn(text: string): string[] {
  return (text.match(/\p{L}{2,}/gu) ?? []).filter((w) => !NOT_WORDS.has(w));
}

/** Operators whose both sides may be shown: joined text, a fallback. */
const JOINING = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
]);

/** Every piece of English a component shows of its own, as "line: text". */
function hardCodedWords(source: string, components: readonly string[] | 'all'): string[] {
  const file = ts.createSourceFile('x.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    if (wordsIn(text).length === 0) return;
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${line + 1}: ${text.trim()}`);
  };
  /** Strings written straight into JSX: a child, a branch of a condition, a template's own text. */
  const strings = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node))
      report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isConditionalExpression(node))
      for (const branch of [node.whenTrue, node.whenFalse]) strings(branch);
    else if (ts.isParenthesizedExpression(node)) strings(node.expression);
    else if (ts.isBinaryExpression(node)) {
      // A comparison's strings are codes ('hold', 'patient'); a condition's left side is a test.
      const kind = node.operatorToken.kind;
      if (JOINING.has(kind)) for (const side of [node.left, node.right]) strings(side);
      else if (kind === ts.SyntaxKind.AmpersandAmpersandToken) strings(node.right);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(file);
      const value = node.initializer;
      if (!CODE_PROPS.has(name) && !name.startsWith('data-') && value) {
        if (ts.isStringLiteral(value)) report(value, value.text);
        else if (ts.isJsxExpression(value) && value.expression) strings(value.expression);
      }
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      strings(node.expression);
    }
    ts.forEachChild(node, visit);
  };
  const inScope = (node: ts.Node): boolean => {
    if (components === 'all') return true;
    const name = ts.isFunctionDeclaration(node) ? node.name?.text : undefined;
    return name !== undefined && components.includes(name);
  };
  for (const statement of file.statements) if (inScope(statement)) visit(statement);
  return found;
}

describe('patient-facing components', () => {
  it.each(Object.entries(PATIENT_FACING))('%s shows only words from the catalogues', (path, components) => {
    const source = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    expect(hardCodedWords(source, components)).toEqual([]);
  });

  it('catches English between tags, in a spoken prop and in a string written into JSX', () => {
    const source = `export function Today({ done }: { done: boolean }) {
  return (
    <section className="card due" aria-labelledby="today-title">
      <h1 id="today-title">Today</h1>
      <button type="button" aria-label="Start the session">▶</button>
      <p>{done ? 'All done' : t('today.stillDue')} 20 mA, 5 min</p>
      <FormFooter idle={\`Log \${n} sessions\`} working={t('form.saving')} />
    </section>
  );
}`;
    expect(hardCodedWords(source, 'all')).toEqual([
      '4: Today',
      '5: Start the session',
      '6: All done',
      '7: Log   sessions',
    ]);
  });

  it('reads only the named components of a file that also holds the clinician’s', () => {
    const source = `function ForPatient() { return <p>{t('x')}</p>; }
function ForClinician() { return <p>Change from baseline</p>; }`;
    expect(hardCodedWords(source, ['ForPatient'])).toEqual([]);
    expect(hardCodedWords(source, ['ForClinician'])).toEqual(['2: Change from baseline']);
  });
});
