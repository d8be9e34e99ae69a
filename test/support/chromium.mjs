/** A name for this machine that is not `localhost`: pages opened at it over http are not secure contexts. */
export const PLAIN_HTTP_HOST = 'partner.w4r.test';

/** Chromium flags that keep it quiet and working on a closed network, as root, without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--host-resolver-rules=MAP ${PLAIN_HTTP_HOST} 127.0.0.1`,
];
