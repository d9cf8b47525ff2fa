export * from "./vertex-cmek-key";
export * from "./locked-model-bucket";
export * from "./secure-workbench-instance";
export * from "./private-vertex-endpoint";
export * from "./vertex-data-stores";
export * from "./vertex-perimeter";
export * from "./vertex-audit-config";
