// /flux/appels.xml: RSS 2.0 feed of the open calls for providers (@astrojs/rss escapes the XML).
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { PUBLISHER } from '../../../site.config.mjs';
import { absoluteUrl } from '../../site/url.ts';
import { siteData } from '../../site/data.ts';
import { date, euros, feedChannel, feedText, label } from '../../site/format.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  const { registry, figures } = siteData();
  const site = absoluteUrl('/');
  const items = figures.reseau.appels_ouverts.map((id) => {
    const mission = registry.missions.get(id)!.data;
    const deadline = mission.date_limite_reponse ? ` Réponse attendue avant le ${date(mission.date_limite_reponse)}.` : '';
    return {
      // Titles and categories too are read as HTML by many feed readers: text, never markup.
      title: feedText(`Nouvel appel : ${mission.titre}`),
      link: absoluteUrl(`/missions/${mission.id}/`),
      pubDate: mission.date_appel ? new Date(`${mission.date_appel}T00:00:00Z`) : undefined,
      description: feedText(`Commanditaire (${label('client', mission.client.type)}) : ${mission.client.nom}. Territoire : ${mission.territoire}. Budget : ${euros(mission.budget_eur)} HT.${deadline}`),
      categories: mission.themes.map(feedText),
    };
  });
  return rss({
    title: 'Appels ouverts · Communs & Réciprocité',
    description: `Les appels à prestataires ouverts par ${PUBLISHER.nom}, réservés aux membres au tarif « acteur économique ».`,
    // The channel's link is the page that lists the calls.
    site: absoluteUrl('/appels/'),
    items,
    ...feedChannel('/flux/appels.xml', siteData().date),
  });
};
