export * from "./props";
export * from "./results";
export * from "./coerce";
export * from "./outcomes";
export * from "./gcp-iam";
