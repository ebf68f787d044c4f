/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^maplibre-gl/, /^@deck\.gl/, /^@luma\.gl/, /^@loaders\.gl/, /^@math\.gl/, /^echarts/, /^zrender/],
  browserNodeBuiltinsPolyfill: { modules: {} },
};
