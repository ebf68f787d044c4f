/** Import this (not registry.ts) so the built-in measures are registered. */
import "./builtin";
import "./indicators";
export * from "./registry";
export { formatMeasureValue } from "./format";
