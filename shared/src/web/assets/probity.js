// Scripts only enhance: every page works without them. GOV.UK Frontend's and MoJ Frontend's
// components (error summary focus, sortable tables…) start here.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

initGovuk();
initMoj();
