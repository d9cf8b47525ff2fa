export * from "./props";
export * from "./results";
export * from "./iam";
export * from "./joins";
