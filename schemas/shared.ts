import * as z from 'zod/mini';

// Shapes shared by several entities. Each custom check's error is a stable code
// that src/domain/registry/codes.ts turns into a French message with a hint.
// Zod's « mini » API (functions rather than methods): the same checks as the classic
// one, but the /declarer/ form bundles only those it uses (the classic API weighs 86 Ko
// minified whatever is used, most of the form's 100 Ko; issue 21).

/** Identifiant : minuscules, chiffres et tirets, comme le nom du fichier. */
export const slug = z
  .string()
  .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'identifiant_invalide' }), z.maxLength(80, { error: 'identifiant_trop_long' }));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "YYYY-MM-DD" (format already checked) names a day of the calendar. */
function isRealDate(value: string): boolean {
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0);
}

/** Comptes de forge d'une fiche, au plus, quand aucune règle ne dit autrement (une structure : quelques personnes). */
export const COMPTES_FORGE_MAX = 5;
/** Durée d'une période d'adhésion, au plus, en jours, quand aucune règle ne dit autrement (deux ans, année bissextile comprise). */
export const ADHESION_JOURS_MAX = 731;

/** Code d'une règle (critère de portage...) : minuscules, chiffres et soulignés. */
export const ruleCode = z.string().check(z.regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, { error: 'code_regle_invalide' }));

/** Date au format AAAA-MM-JJ (gardée en texte : YAML ne doit pas la transformer). */
export const isoDate = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format', abort: true }), z.refine(isRealDate, { error: 'date_inexistante', abort: true }));

// Exactly a number of cents: 120.5 and 19.99 are, 120.505 and 0.000000001 are not (a
// tolerance on n × 100 would let a billionth of a euro through as « 0 cents »).
const toTheCent = (n: number) => Number.isFinite(n) && Math.round(n * 100) / 100 === n;

/** Montant en euros, positif, au centime près. */
export const euros = z.number().check(
  z.positive({ error: 'montant_non_positif' }),
  // A hundred million euros: above any mission or gift, below where cents stop being exact.
  z.maximum(100_000_000, { error: 'nombre_hors_limites', abort: true }),
  z.refine(toTheCent, { error: 'montant_centimes' }),
);

/** Montant en euros, positif ou nul (un budget de compagnonnage non facturé), au centime près. */
export const eurosOrZero = z
  .number()
  .check(
    z.minimum(0, { error: 'nombre_hors_limites' }),
    z.maximum(100_000_000, { error: 'nombre_hors_limites', abort: true }),
    z.refine(toTheCent, { error: 'montant_centimes' }),
  );

/** Compte sur la forge (GitHub...) : lettres, chiffres et tirets, 39 caractères au plus. */
export const forgeHandle = z.string().check(z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: 'compte_forge_invalide' }));

/**
 * Lien web en http ou https (jamais javascript:, data: ou file:), sans identifiant avant
 * « @ » : https://banque.example@autre.example mène à autre.example.
 */
export const httpUrl = z
  .httpUrl({ error: 'lien_invalide' })
  .check(
    z.maxLength(2000, { error: 'lien_invalide', abort: true }),
    z.refine((s) => !URL.canParse(s) || (new URL(s).username === '' && new URL(s).password === ''), { error: 'lien_identifiants' }),
  );

// Unicode bidi controls let a name read differently from what it is.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

// Characters that show nothing (zero-width spaces and joiners, soft hyphen, variation
// selectors, tags, fillers: Unicode's Default_Ignorable_Code_Point), with which a name
// can copy another one letter for letter. Emoji sequences keep theirs (👩‍👩‍👧, ❤️).
// Subdivision flags (🏴 followed by tag letters and a cancel tag) keep their tags; tags
// anywhere else hide text (« ASCII smuggling »).
const EMOJI_SEQUENCE = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\uFE0E)?(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\uFE0E)?)*/gu;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

/** The first invisible character of a text (bidi controls aside: they have their own code), or null. */
export function firstInvisible(text: string): string | null {
  const found = INVISIBLE.exec(text.replace(EMOJI_SEQUENCE, 'x'));
  return found && !BIDI.test(found[0]) ? found[0] : null;
}

/**
 * True when the text is written as Unicode's composed form (NFC: « é » one character):
 * the same text to the eye, written « e » + « ◌́ », would be another for the registry,
 * its search and its exports. The text is refused rather than silently rewritten.
 */
export const isComposed = (s: string) => s === s.normalize('NFC');

/** Texte court d'une ligne (nom, titre), en NFC (é écrit d'un seul caractère), sans caractère invisible. */
export const label = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: 'texte_vide' }),
    z.maxLength(200, { error: 'texte_trop_long' }),
    z.refine((s) => !BIDI.test(s), { error: 'texte_bidi' }),
    z.refine((s) => firstInvisible(s) === null, { error: 'texte_invisible' }),
    z.refine(isComposed, { error: 'texte_non_nfc' }),
  );

/** Texte libre de quelques phrases : les mêmes exigences qu'un nom, sur 5 000 caractères. */
export const prose = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: 'texte_vide' }),
    z.maxLength(5000, { error: 'texte_trop_long' }),
    z.refine((s) => !BIDI.test(s), { error: 'texte_bidi' }),
    z.refine((s) => firstInvisible(s) === null, { error: 'texte_invisible' }),
    z.refine(isComposed, { error: 'texte_non_nfc' }),
  );

/** Licence : identifiant SPDX (CC-BY-SA-4.0, AGPL-3.0-or-later...) ou « propriétaire ». */
export const licence = z.string().check(z.regex(/^(?:[A-Za-z0-9.+-]+|proprietaire)$/, { error: 'licence_invalide' }));

export const OPEN_LICENCE = /^(CC-BY(-SA)?-\d\.\d|CC0-1\.0|LO-2\.0|ODbL-1\.0|Etalab-2\.0|MIT|Apache-2\.0|(A|L)?GPL-\d\.\d(-only|-or-later)?|MPL-2\.0|EUPL-1\.2|BSD-\d-Clause)$/;

/** A reason says why in a sentence: at least this many words, and this many letters in all. */
export const REASON_MIN = { words: 3, letters: 12 };

/**
 * True when a text can say why: three words or more, twelve letters or more. « . »,
 * « RAS », « n/a » or « Aucun. » say nothing (rules-and-figures.md, D11: `aucun_commun_utilise: "."`
 * made a declaration valid).
 */
export function isReason(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  const letters = words.join('').replace(/[^\p{L}]/gu, '').length;
  return words.length >= REASON_MIN.words && letters >= REASON_MIN.letters;
}

/** Une raison : une phrase qui dit pourquoi, d'au moins trois mots. */
// An empty text is already texte_vide: one problem, not two.
export const reason = prose.check(z.refine((s) => s === '' || isReason(s), { error: 'raison_trop_courte' }));

/** A description for editors and the JSON Schema (schemas/json/), on a copy of the schema. */
export const about = (description: string) => z.meta({ description });
