/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // *.server.ts beside a flat route file holds its loader/action logic; it is not a route itself.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.server.{ts,tsx}", "**/*.css", "**/*.client.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^maplibre-gl/, /^@deck\.gl/, /^@luma\.gl/, /^@loaders\.gl/, /^@math\.gl/, /^echarts/, /^zrender/],
  browserNodeBuiltinsPolyfill: { modules: {} },
};
