export * from "./props";
export * from "./results";
