export * from "./breaks";
export * from "./palettes";
export * from "./suppression";
