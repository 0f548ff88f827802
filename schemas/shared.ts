import { z } from 'zod';

// Shapes shared by several entities. Each custom check's error is a stable code
// that src/domain/codes.ts turns into a French message with a hint.

/** Identifiant : minuscules, chiffres et tirets, comme le nom du fichier. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'identifiant_invalide' })
  .max(80, { error: 'identifiant_trop_long' });

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Code d'une règle (critère de portage...) : minuscules, chiffres et soulignés. */
export const ruleCode = z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, { error: 'code_regle_invalide' });

/** Date au format AAAA-MM-JJ (gardée en texte : YAML ne doit pas la transformer). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format', abort: true })
  .refine(isRealDate, { error: 'date_inexistante', abort: true });

/** Montant en euros, positif, au centime près. */
export const euros = z
  .number()
  .positive({ error: 'montant_non_positif' })
  .refine((n) => Number.isFinite(n) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6, {
    error: 'montant_centimes',
  });

/** Lien web en http ou https (jamais javascript:, data: ou file:). */
export const httpUrl = z.httpUrl({ error: 'lien_invalide' }).max(2000, { error: 'lien_invalide' });

// Unicode bidi controls let a name read differently from what it is.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Texte court d'une ligne (nom, titre). */
export const label = z
  .string()
  .trim()
  .min(1, { error: 'texte_vide' })
  .max(200, { error: 'texte_trop_long' })
  .refine((s) => !BIDI.test(s), { error: 'texte_bidi' });

/** Texte libre de quelques phrases. */
export const prose = z
  .string()
  .trim()
  .min(1, { error: 'texte_vide' })
  .max(5000, { error: 'texte_trop_long' })
  .refine((s) => !BIDI.test(s), { error: 'texte_bidi' });

/** Licence : identifiant SPDX (CC-BY-SA-4.0, AGPL-3.0-or-later...) ou « propriétaire ». */
export const licence = z
  .string()
  .regex(/^(?:[A-Za-z0-9.+-]+|proprietaire)$/, { error: 'licence_invalide' });

export const OPEN_LICENCE = /^(CC-BY(-SA)?-\d\.\d|CC0-1\.0|LO-2\.0|ODbL-1\.0|Etalab-2\.0|MIT|Apache-2\.0|(A|L)?GPL-\d\.\d(-only|-or-later)?|MPL-2\.0|EUPL-1\.2|BSD-\d-Clause)$/;
