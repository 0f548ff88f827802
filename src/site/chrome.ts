// What the site says about itself on every page: its name, what it is in one line,
// and the accessibility status the footer must show (RGAA: « Accessibilité : … »).
import { PUBLISHER } from '../../site.config.mjs';
import { ofName } from '../domain/contribution/review.ts';

export const SITE_NAME = 'Communs & Réciprocité';
/** The association that publishes the registry, after « de » (site.config.mjs, ASSOCIATION.nom): « de La Compagnie des Tiers-Lieux ». */
export const OF_PUBLISHER = ofName(PUBLISHER.nom);
export const SITE_TAGLINE = `qui rend quoi aux communs des tiers-lieux, registre ouvert ${OF_PUBLISHER}`;

/**
 * RGAA 4.1.2 status: « non conforme » until an RGAA audit has measured the share of
 * criteria met (automated checks alone cannot claim partial conformity).
 */
export const ACCESSIBILITY_STATUS = 'non conforme';
export const RGAA_VERSION = '4.1.2';
