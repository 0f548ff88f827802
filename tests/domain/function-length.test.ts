// Every function of src/domain fits on a screen: declarations, methods, arrow functions
// and function expressions, measured from their first line to their last with the
// TypeScript compiler, each listed with file:line when it is too long.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, walk } from '../helpers.ts';

/**
 * The longest a function of src/domain may be, in lines. STYLE.md: "A function fits on
 * a screen. When it grows past that it has seams: cut there, name each part by what it
 * returns."
 */
const MAX_FUNCTION_LINES = 80;

interface Measured {
  /** file:line of the function's first line, from the repository root. */
  where: string;
  name: string;
  lines: number;
}

/** What a reader calls the function: its own name, or the name it is given. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) return `(fonction passée à ${parent.expression.getText().slice(0, 40)})`;
  return '(fonction anonyme)';
}

const isMeasured = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

/** Every function of one file (nested ones too), with its length in lines. */
function functionsOf(path: string, text = readFileSync(path, 'utf8')): Measured[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Measured[] = [];
  const visit = (node: ts.Node) => {
    if (isMeasured(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ where: `${relative(ROOT, path)}:${first + 1}`, name: nameOf(node), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const domainFiles = walk(join(ROOT, 'src', 'domain')).filter((path) => path.endsWith('.ts'));
const functions = domainFiles.flatMap((path) => functionsOf(path));

describe('functions of src/domain', () => {
  it('are measured from their first line to their last, whatever their kind', () => {
    const text = [
      'export function declared(): number {', //     1
      '  const inner = (x: number) => {', //          2
      '    return x;', //                             3
      '  };', //                                      4: inner, 3 lines
      '  return inner(1);', //                        5
      '}', //                                         6: declared, 6 lines
      'export const arrow = (): void => {};', //      7: 1 line
      'class Room {', //                              8
      '  method(): void {', //                        9
      '  }', //                                      10: method, 2 lines
      '}', //                                        11
      'const expression = function (): void {', //   12
      '};', //                                       13: 2 lines
      "[1].map((n) => {", //                         14
      '  return n;', //                              15
      '});', //                                      16: 3 lines
    ].join('\n');
    expect(functionsOf(join(ROOT, 'exemple.ts'), text).map((f) => `${f.where} ${f.name} ${f.lines}`)).toEqual([
      'exemple.ts:1 declared 6',
      'exemple.ts:2 inner 3',
      'exemple.ts:7 arrow 1',
      'exemple.ts:9 method 2',
      'exemple.ts:12 expression 2',
      'exemple.ts:14 (fonction passée à [1].map) 3',
    ]);
  });

  it('are all measured (the walk finds the rooms and their functions)', () => {
    const files = domainFiles.map((path) => relative(ROOT, path));
    expect(files).toContain(join('src', 'domain', 'registry', 'read.ts'));
    expect(files).toContain(join('src', 'domain', 'rules', 'figures.ts'));
    expect(files).toContain(join('src', 'domain', 'contribution', 'review.ts'));
    expect(functions.map((f) => f.name)).toContain('loadRegistry');
  });

  it(`fit on a screen: ${MAX_FUNCTION_LINES} lines at most`, () => {
    const tooLong = functions
      .filter((f) => f.lines > MAX_FUNCTION_LINES)
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.where} ${f.name} : ${f.lines} lignes`);
    expect(
      tooLong,
      `Fonctions de plus de ${MAX_FUNCTION_LINES} lignes : une fonction tient sur un écran (STYLE.md) ; ` +
        "coupez-la à ses coutures et nommez chaque partie par ce qu'elle rend",
    ).toEqual([]);
  });
});
