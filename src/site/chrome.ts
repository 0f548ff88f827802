// What the site says about itself on every page: its name, what it is in one line,
// and the accessibility status the footer must show (RGAA: « Accessibilité : … »).

export const SITE_NAME = 'Communs & Réciprocité';
export const SITE_TAGLINE = 'qui rend quoi aux communs des tiers-lieux, registre ouvert de La Compagnie des Tiers-Lieux';

/**
 * RGAA 4.1.2 status: « non conforme » until an RGAA audit has measured the share of
 * criteria met (automated checks alone cannot claim partial conformity).
 */
export const ACCESSIBILITY_STATUS = 'non conforme';
export const RGAA_VERSION = '4.1.2';
