export * from "./props";
export * from "./results";
export * from "./iam";
export * from "./joins";
export * from "./coerce";
export * from "./outcomes";
export * from "./gcp-iam";
export * from "./s3";
