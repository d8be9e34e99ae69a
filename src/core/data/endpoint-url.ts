/** An endpoint's base URL as the widgets keep it: without trailing slashes, so paths join cleanly. */
export const trimEndpoint = (endpoint: string): string => endpoint.replace(/\/+$/, '');
