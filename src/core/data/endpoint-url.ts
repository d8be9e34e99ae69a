/** An endpoint's base URL as the widgets keep it: without trailing slashes, so paths join cleanly. */
export const trimEndpoint = (endpoint: string): string => endpoint.replace(/\/+$/, '');

/** One `T` per endpoint, made when first asked for and shared by every widget of the page after that. */
export function perEndpoint<T>(make: (endpoint: string) => T): (endpoint: string) => T {
  const made = new Map<string, T>();
  return (endpoint) => {
    const key = trimEndpoint(endpoint);
    let value = made.get(key);
    if (!value) made.set(key, (value = make(key)));
    return value;
  };
}
