// What the search page asks Pagefind, and how it checks the answer. Pagefind (1.6) has no
// stop words, and when no word of the index begins with a searched word it falls back on
// the longest word of the index that begins that word: « Arras » then finds every « à »,
// « Laon » every « la », « Dunkerque » every « d'un ». Here the query is cut into the
// words the index holds (accents and capitals aside, split at hyphens and apostrophes,
// the most common French words left out), and a word counts as found only when a word
// of the result really begins like it: the search page says so when one is not.

/**
 * French words too common to tell two entries apart: articles, prepositions, pronouns,
 * the letters left by an elision (« l' », « d' », « qu' »). They are left out of the query,
 * so they never make a hit.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a au aux avec c ce ces d dans de des du elle elles en et il ils j je l la le les leur leurs lui m ma mais me mes '
    + 'n ne nos notre nous on ou par pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une vos votre vous y').split(' '),
);

/** Lower case, accents off: « Réciprocité » and « reciprocite » are one word. */
export function normalizeWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface QueryWords {
  /**
   * The whole query, common words included, when it has some and two words at least
   * (« à jour », « hors du cercle »): searched first as an exact phrase, words side by side.
   */
  phrase: string | null;
  /** The words to search, in the order typed, each once. */
  words: string[];
  /** Each of them as typed (« Arras » for « arras »), to name it in a message. */
  typed: string[];
  /** The common words left out, as typed. */
  ignored: string[];
}

/**
 * The words of a query as the index holds them: « tiers-lieu », « tiers lieux » and
 * « Tiers-Lieux » all give « tiers » and « lieu », « l'encyclopédie » gives
 * « encyclopedie », and « à jour » gives « jour ».
 */
export function queryWords(query: string): QueryWords {
  const words: string[] = [];
  const typed: string[] = [];
  const ignored: string[] = [];
  const all: string[] = [];
  for (const raw of query.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    all.push(normalizeWord(raw));
    // Plurals in -x (« lieux », « réseaux », « jeux ») are searched from their singular, which
    // Pagefind's stemmer keeps apart: « tiers-lieux » then finds « tiers-lieu » too.
    const word = normalizeWord(raw).replace(/^(.+[aeo]u)x$/, '$1');
    if (STOP_WORDS.has(word)) {
      if (!ignored.includes(raw)) ignored.push(raw);
    } else if (!words.includes(word)) {
      words.push(word);
      typed.push(raw);
    }
  }
  return { words, typed, ignored, phrase: ignored.length > 0 && all.length > 1 ? all.join(' ') : null };
}

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * Whether `word` (normalised, as queryWords gives it) is really in one of the words
 * Pagefind matched: a matched word (or one part of a hyphenated one) begins with it
 * (« movil » in « Movilab »), or shares all of it but its last two letters, four at
 * least (« Soissons » in « Soissonnais », « vandame » in « Vandamme »). A word that only
 * begins the searched one (« à » for « Arras », « Val-de-Serre » for « Valenciennes »)
 * is Pagefind's fallback, not a match. Plurals and other endings (« évaluations » for
 * « évaluation ») are found by Pagefind's exact search, checked before this.
 */
export function isFoundIn(word: string, matched: readonly string[]): boolean {
  const needed = Math.max(4, word.length - 2);
  return matched.some((candidate) => {
    const whole = normalizeWord(candidate);
    const forms = [whole.replace(/[^\p{L}\p{N}]+/gu, ''), ...whole.split(/[^\p{L}\p{N}]+/u)].filter(Boolean);
    return forms.some((form) => form.startsWith(word) || commonPrefix(form, word) >= needed);
  });
}
