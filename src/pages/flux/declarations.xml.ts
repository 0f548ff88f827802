// /flux/declarations.xml: RSS 2.0 feed of the latest declarations of reciprocity,
// newest first (@astrojs/rss escapes the XML).
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { ofName } from '../../domain/contribution/review.ts';
import { OF_PUBLISHER } from '../../site/chrome.ts';
import { byText } from '../../domain/registry/order.ts';
import { absoluteUrl } from '../../site/url.ts';
import { nameOf, siteData } from '../../site/data.ts';
import { euros, feedChannel, feedText, hours } from '../../site/format.ts';

export const prerender = true;

const LIMIT = 50;

export const GET: APIRoute = () => {
  const data = siteData();
  const site = absoluteUrl('/');
  const latest = data.registry.declarations
    .map((d) => d.data)
    .filter((d) => d.date <= data.date)
    .sort((a, b) => byText(b.date, a.date) || byText(a.prestataire, b.prestataire) || byText(a.mission, b.mission))
    .slice(0, LIMIT);
  const items = latest.map((d) => {
    const given = data.missionFigures.get(d.mission)?.membres.find((m) => m.prestataire === d.prestataire)?.declare;
    const parts = [
      given && given.verse_eur > 0 ? `${euros(given.verse_eur)} versés` : '',
      given && given.promis_eur > 0 ? `${euros(given.promis_eur)} promis` : '',
      given && given.nature_heures > 0 ? `${hours(given.nature_heures)} en nature` : '',
    ].filter(Boolean);
    const used = d.communs_utilises.map((u) => nameOf.commun(u.commun));
    return {
      // Read as HTML by many feed readers, like the description: text, never markup.
      title: feedText(`Déclaration ${ofName(nameOf.prestataire(d.prestataire))} pour ${nameOf.mission(d.mission)}`),
      // One link per declaration, so that each item has its own guid.
      link: absoluteUrl(`/missions/${d.mission}/#declaration-${d.prestataire}`),
      pubDate: new Date(`${d.date}T00:00:00Z`),
      description: feedText(
        [parts.length > 0 ? `Réciprocité déclarée : ${parts.join(', ')}.` : '', used.length > 0 ? `Communs utilisés : ${used.join(', ')}.` : '']
          .filter(Boolean)
          .join(' '),
      ),
    };
  });
  return rss({
    title: 'Nouvelles déclarations · Communs & Réciprocité',
    description: `Les ${LIMIT} dernières déclarations de réciprocité des prestataires ${OF_PUBLISHER} : communs utilisés, argent et temps rendus.`,
    site,
    items,
    ...feedChannel('/flux/declarations.xml', data.date),
  });
};
