// The Remix classic compiler turns `import x from "./a.css"` into the hashed asset URL. vite/client
// (in tsconfig types, for vitest) declares "*.css" without a default export; this adds it.
declare module "*.css" {
  const href: string;
  export default href;
}
