// The design systems' precompiled assets and Probity's own, served under /assets. Only what the
// pages use is served: no GDS Transport font files, no crown or GOV.UK logotype images.
import express, { Router } from 'express';
import { join } from 'node:path';
import { GOVUK_DIST, MOJ_ROOT, sourceDir } from './templates';

const OWN_ASSETS = sourceDir('@probity/shared/web/templates', 'assets');
const long = { maxAge: '1d', immutable: false, index: false, fallthrough: false } as const;

export function staticAssets(): Router {
  const router = Router();
  router.get(['/govuk/govuk-frontend.min.css', '/govuk/govuk-frontend.min.js'], (req, res) => {
    res.sendFile(join(GOVUK_DIST, 'govuk', req.path.slice('/govuk/'.length)), { maxAge: '1d' });
  });
  router.get(['/moj/moj-frontend.min.css', '/moj/moj-frontend.min.js'], (req, res) => {
    res.sendFile(join(MOJ_ROOT, 'moj', req.path.slice('/moj/'.length)), { maxAge: '1d' });
  });
  // MoJ Frontend's CSS points at /assets/images/icon-*.svg (sortable table arrows and the like).
  router.get(/^\/images\/(icon-[a-z-]+\.svg)$/, (req, res, next) => {
    // An icon the design system does not have is "not found" (below), not an error.
    res.sendFile(join(MOJ_ROOT, 'moj', 'assets', 'images', String(req.params[0])), { maxAge: '1d' }, (err) => {
      if (err && !res.headersSent) next();
    });
  });
  router.use('/probity', express.static(OWN_ASSETS, long));
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  return router;
}
