// Written by rollup.config.mjs when it builds the loader: the hashed files of this release.
declare module 'w4r:release' {
  /** Every file an element needs, by name in `chunks/`. */
  export const files: string[];
  /** For each tag, indexes into `files`: its own chunk first, then every chunk it imports. */
  export const elements: Record<string, number[]>;
}
