/**
 * The modules the render kinds load on their first job in a thread, each
 * named once and held after (src/loadOnce.ts): a kind asks for them on every
 * job, and a thread that never renders a kind never loads its modules.
 */
import { loadOnce } from '../../loadOnce.js';

export const modules = {
  renderPages: loadOnce(() => import('../../render/pdf/renderPages.js')),
  bookletTemplate: loadOnce(() => import('../../../templates/booklet.js')),
  leafletTemplate: loadOnce(() => import('../../../templates/leaflet.js')),
  cardLayout: loadOnce(() => import('../../../templates/cardLayout.js')),
  renderCard: loadOnce(() => import('../../render/cards/renderCard.js')),
  renderGallery: loadOnce(() => import('../../render/gallery/renderGallery.js')),
  thumbnails: loadOnce(() => import('../../render/gallery/thumbnails.js')),
  impose: loadOnce(() => import('../../print/impose.js')),
  saddleStitch: loadOnce(() => import('../../print/saddleStitch.js')),
  loadedPress: loadOnce(() => import('../../print/loadedPress.js')),
  pressFiles: loadOnce(() => import('../../print/pressFiles.js')),
};
