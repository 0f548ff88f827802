// How npm run declare asks in a terminal: @clack/prompts, its key hints in French,
// and one helper per kind of question (src/domain/contribution/declaration-questions.ts
// holds the questions themselves and checks the answers).
import { Writable } from 'node:stream';
import * as p from '@clack/prompts';
import { cleanAnswer } from '../../src/domain/contribution/declaration-text.ts';
import { textAnswerProblem, type ChoiceQuestion, type TextQuestion, type YesNoQuestion } from '../../src/domain/contribution/declaration-questions.ts';

/** The person stopped, or there is nothing to do: nothing is written. */
export class Stopped extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
export const CANCELLED = 'Abandon : rien n’a été écrit.';

// @clack/prompts 1.9.0 writes its key hints in English; every prompt writes through
// this stream, which puts them in French (the words are matched with the colour
// codes that may sit between them).
const C = '((?:\\x1b\\[[0-9;]*m)*)';
const FRENCH: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [new RegExp(`↑/↓${C} to navigate`, 'g'), '↑/↓$1 se déplacer'],
  [new RegExp(`↑/↓${C} to select`, 'g'), '↑/↓$1 choisir'],
  [new RegExp(`Space/Tab:${C} select`, 'g'), 'Espace/Tab :$1 cocher'],
  [new RegExp(`Space:${C} select`, 'g'), 'Espace :$1 cocher'],
  [new RegExp(`Tab:${C} select`, 'g'), 'Tab :$1 cocher'],
  [new RegExp(`Enter:${C} confirm`, 'g'), 'Entrée :$1 valider'],
  [new RegExp(`Type:${C} to search`, 'g'), 'Lettres :$1 chercher'],
  [/Search:/g, 'Recherche :'],
  [/\((\d+) match(?:es)?\)/g, (_, n: string) => `(${n} ${Number(n) > 1 ? 'trouvés' : 'trouvé'})`],
  [/No matches found/g, 'Aucun résultat'],
  [new RegExp(`(│  ${C})none(${C})$`, 'gm'), '$1aucun$3'],
];

class FrenchTerminal extends Writable {
  constructor(private readonly target: NodeJS.WriteStream) {
    super({ decodeStrings: false });
    target.on('resize', () => this.emit('resize'));
  }
  get columns(): number | undefined {
    return this.target.columns;
  }
  get rows(): number | undefined {
    return this.target.rows;
  }
  get isTTY(): boolean {
    return this.target.isTTY === true;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let text = String(chunk);
    for (const [pattern, french] of FRENCH) text = typeof french === 'string' ? text.replace(pattern, french) : text.replace(pattern, french);
    // Synchronous pass-through keeps the prompts and console.log in order.
    this.target.write(text);
    callback();
  }
}

const terminal = new FrenchTerminal(process.stdout);
/** Where every prompt and message of the terminal goes. */
export const io = { output: terminal };

async function ask<T>(prompt: Promise<T | symbol>): Promise<Exclude<T, symbol>> {
  const value = await prompt;
  if (p.isCancel(value)) throw new Stopped(130, CANCELLED);
  return value as Exclude<T, symbol>;
}

const withoutAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const matches = (search: string, option: { label?: string; value: unknown; hint?: string }) =>
  withoutAccents(`${option.label ?? ''} ${String(option.value)} ${option.hint ?? ''}`).includes(withoutAccents(search));

/** A typed answer, checked by the schema's rule for its field before the next question; empty means the default or nothing. */
export function askText(question: TextQuestion): Promise<string> {
  return ask(
    p.text({
      ...io,
      message: question.message,
      placeholder: question.placeholder ?? question.defaultValue,
      defaultValue: question.defaultValue,
      validate: (value) => textAnswerProblem(question, value),
    }),
  ).then((value) => cleanAnswer(question.field, value ?? ''));
}

export function askYesNo(question: YesNoQuestion): Promise<boolean> {
  return ask(p.confirm({ ...io, message: question.message, active: question.yes, inactive: question.no, initialValue: question.initialValue }));
}

export function askChoice<T extends string>(question: ChoiceQuestion<T>, shown: { maxItems?: number } = {}): Promise<T> {
  // The library's option type is conditional on T: a Choice<T> is one, for any string T.
  const options = question.options as Parameters<typeof p.select<T>>[0]['options'];
  return ask(p.select<T>({ ...io, message: question.message, options, initialValue: question.initialValue, ...shown }));
}

/** Several choices ticked, none required. */
export function askChoices(question: ChoiceQuestion, shown: { maxItems?: number } = {}): Promise<string[]> {
  return ask(p.multiselect({ ...io, message: question.message, options: question.options, required: false, ...shown }));
}

/** One choice among many, found by typing part of its name. */
export function askSearch(question: ChoiceQuestion, shown: { maxItems?: number } = {}): Promise<string> {
  return ask(p.autocomplete({ ...io, message: question.message, options: question.options, filter: matches, ...shown }));
}
