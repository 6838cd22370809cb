/** Shell snippets bundled as text (esbuild's text loader; see scripts/build.mjs). */
declare module '*.bash' {
  const text: string;
  export default text;
}
declare module '*.zsh' {
  const text: string;
  export default text;
}
declare module '*.fish' {
  const text: string;
  export default text;
}
